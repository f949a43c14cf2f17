import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withRunSlot } from '../../runner/node/run-slots.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const base = mkdtempSync(join(tmpdir(), 'esb-e2e-slots-'));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}
after(() => rmSync(base, { recursive: true, force: true }));

describe('run slots', () => {
  it('let at most N cases of one process run at once, and free their slot after', async () => {
    const dir = join(base, 'in-process');
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(30);
      running -= 1;
    };
    await Promise.all(Array.from({ length: 9 }, () => withRunSlot(dir, 3, undefined, work)));
    assert.equal(most, 3);
    assert.deepEqual(readdirSync(join(dir, '.run-slots')), []);
  });

  it('serve a waiter of a higher priority first, whenever it came', async () => {
    const dir = join(base, 'priority');
    const order: string[] = [];
    let release: (() => void) | undefined;
    const holding = withRunSlot(dir, 1, undefined, () => new Promise<void>((r) => (release = r)));
    await until(() => release !== undefined);
    const low = withRunSlot(dir, 1, undefined, async () => void order.push('low'));
    // The low waiter has polled, and found the slot taken, before the high one arrives.
    await until(() => readdirSync(join(dir, '.run-slots')).some((n) => n.startsWith('wait.0.')));
    const high = withRunSlot(dir, 1, undefined, async () => void order.push('high'), 1);
    await until(() => readdirSync(join(dir, '.run-slots')).some((n) => n.startsWith('wait.1.')));
    release?.();
    await Promise.all([holding, low, high]);
    assert.deepEqual(order, ['high', 'low']);
    assert.deepEqual(readdirSync(join(dir, '.run-slots')), []);
  });

  it('give the first free slots by priority to cases that arrive in the same turn, whatever their order', async () => {
    const dir = join(base, 'burst');
    const order: string[] = [];
    const ran = (name: string) => async () => {
      order.push(name);
      await sleep(20);
    };
    // As when a process's cases all become ready at once: declared first, the low ones ask first.
    await Promise.all([
      withRunSlot(dir, 2, undefined, ran('low-1')),
      withRunSlot(dir, 2, undefined, ran('low-2')),
      withRunSlot(dir, 2, undefined, ran('low-3')),
      withRunSlot(dir, 2, undefined, ran('high'), 1),
    ]);
    assert.equal(order[0], 'high');
    assert.deepEqual(order.slice(1).sort(), ['low-1', 'low-2', 'low-3']);
  });

  it('release the slot when the work throws', async () => {
    const dir = join(base, 'throws');
    await assert.rejects(
      withRunSlot(dir, 1, undefined, async () => Promise.reject(new Error('case broke'))),
      /case broke/,
    );
    assert.equal(await withRunSlot(dir, 1, undefined, async () => 'next'), 'next');
  });

  it('hold across processes', async () => {
    const dir = join(base, 'processes');
    const log = join(base, 'processes.log');
    const script = `
      import { appendFileSync } from 'node:fs';
      import { withRunSlot } from ${JSON.stringify(join(REPO_ROOT, 'runner/node/run-slots.ts'))};
      await withRunSlot(${JSON.stringify(dir)}, 2, undefined, async () => {
        appendFileSync(${JSON.stringify(log)}, 'start ' + Date.now() + '\\n');
        await new Promise((r) => setTimeout(r, 400));
        appendFileSync(${JSON.stringify(log)}, 'end ' + Date.now() + '\\n');
      });
    `;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      }),
    );
    await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
    const events = (await import('node:fs'))
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const [kind, at] = l.split(' ');
        return { kind, at: Number(at) };
      });
    events.sort((a, b) => a.at - b.at || (a.kind === 'end' ? -1 : 1));
    let running = 0;
    let most = 0;
    for (const e of events) {
      running += e.kind === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(events.length, 8);
    assert.equal(most, 2);
  });

  it('take over a slot left by a dead process', async () => {
    const dir = join(base, 'stale');
    mkdirSync(join(dir, '.run-slots'), { recursive: true });
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(join(dir, '.run-slots', 'slot-0'), String(dead.pid));
    const result = await withRunSlot(dir, 1, AbortSignal.timeout(5_000), async () => 'ran');
    assert.equal(result, 'ran');
    assert.equal(existsSync(join(dir, '.run-slots', 'slot-0')), false);
  });

  it('stop waiting when the signal aborts', async () => {
    const dir = join(base, 'abort');
    mkdirSync(join(dir, '.run-slots'), { recursive: true });
    writeFileSync(join(dir, '.run-slots', 'slot-0'), String(process.pid));
    await assert.rejects(
      withRunSlot(dir, 1, AbortSignal.timeout(300), async () => 'never'),
      { name: 'TimeoutError' },
    );
  });
});
