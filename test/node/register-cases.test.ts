import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withRunSlot } from '../../runner/node/run-slots.ts';
import { parseRecord } from '../../runner/report/reporter-records.ts';
import { type InProcessStack, startInProcessStack } from '../../testbed/stack/in-process-stack.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-register-'));
const envFile = join(dir, 'client.env');
let stack: InProcessStack;

before(async () => {
  stack = await startInProcessStack();
  writeFileSync(
    envFile,
    `${Object.entries(stack.clientEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
});
after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `node --test` on entry files, as CI users run it, with the spec reporter; asynchronous so the stack answers. */
function nodeTest(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; output: string; stdout: string }> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !(k in stack.clientEnv) && !k.startsWith('ESB_E2E_') && k !== 'NODE_TEST_CONTEXT')
      base[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--enable-source-maps', '--test', '--test-reporter=spec', ...args],
      { cwd: REPO_ROOT, env: { ...base, ESB_E2E_LOCK_DIR: join(dir, 'locks'), ...env } },
    );
    let output = '';
    let stdout = '';
    child.stdout.on('data', (d) => {
      output += d;
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output, stdout }));
  });
}

const count = (output: string, what: string) => Number(new RegExp(`ℹ ${what} (\\d+)`).exec(output)?.[1]);

describe('registerScenario (node --test e2e/<scenario>.test.ts)', () => {
  it('registers one test per case, named <ID> <name>, in a describe of the default environment', async () => {
    const result = await nodeTest(['e2e/smoke.test.ts'], {
      ESB_E2E_ENV_FILE: envFile,
      ESB_E2E_IDS: 'SMK-001,SMK-002',
    });
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /^▶ e2e-docker smoke$/m);
    assert.match(result.output, /^ {2}✔ SMK-001 test_gateway_health \(/m);
    assert.match(result.output, /^ {2}✔ SMK-002 test_victorialogs_health \(/m);
    assert.equal(count(result.output, 'tests'), 2);
  });

  it("works with node's own --test-name-pattern, and keeps same-ID expansions apart by name", async () => {
    const [byPattern, sameId] = await Promise.all([
      nodeTest(['--test-name-pattern=^SMK-001 ', 'e2e/smoke.test.ts'], { ESB_E2E_ENV_FILE: envFile }),
      // Against an ESB not ours, control-plane hooks are not allowed: both restart expansions skip, by name,
      // while SMK-001 passes (a run that only skipped would fail: see the next test).
      nodeTest(['e2e/restart.test.ts', 'e2e/smoke.test.ts'], {
        ESB_E2E_ENV_FILE: envFile,
        ESB_E2E_IDS: 'RST-001,SMK-001',
      }),
    ]);
    assert.equal(byPattern.status, 0, byPattern.output);
    assert.equal(count(byPattern.output, 'pass'), 1);
    assert.match(byPattern.output, /✔ SMK-001 test_gateway_health/);
    assert.equal(sameId.status, 0, sameId.output);
    assert.match(
      sameId.output,
      /﹣ RST-001 test_service_process_crash_recovers\[gateway\] .*# .*control-plane/,
    );
    assert.match(
      sameId.output,
      /﹣ RST-001 test_service_process_crash_recovers\[agent\] .*# .*control-plane/,
    );
    assert.equal(count(sameId.output, 'skipped'), 2);
    assert.equal(count(sameId.output, 'pass'), 1);
  });

  it("reports a case's own time, and the time it waited for a run slot beside it", async () => {
    // The child reaches the gateway through a forwarder that counts connections. Its first is the preflight, after
    // which the case asks for a run slot at once; this process holds the run's only slot until 1.5 s after that
    // connection, so the case waits at least that long however slowly the child started.
    const gatewayPort = Number(new URL(stack.clientEnv.GATEWAY_URL ?? '').port);
    let connected: () => void = () => undefined;
    const firstConnection = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const forwarder = createNetServer((socket) => {
      connected();
      const upstream = connect(gatewayPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
    const forwardedEnv = join(dir, 'forwarded.env');
    writeFileSync(
      forwardedEnv,
      readFileSync(envFile, 'utf8').replace(
        /^GATEWAY_URL=.*$/m,
        `GATEWAY_URL=https://127.0.0.1:${(forwarder.address() as { port: number }).port}`,
      ),
    );
    const holding = withRunSlot(join(dir, 'locks'), 1, undefined, async () => {
      await firstConnection;
      await sleep(1500);
    });
    const reporter = join(REPO_ROOT, 'runner', 'node', 'jsonl-reporter.mjs');
    try {
      const [result] = await Promise.all([
        // spec to stderr, our JSON lines to stdout
        nodeTest(
          [
            '--test-reporter-destination=stderr',
            `--test-reporter=${reporter}`,
            '--test-reporter-destination=stdout',
            'e2e/smoke.test.ts',
          ],
          { ESB_E2E_ENV_FILE: forwardedEnv, ESB_E2E_IDS: 'SMK-001', ESB_E2E_CONCURRENCY: '1' },
        ),
        holding,
      ]);
      assert.equal(result.status, 0, result.output);
      const records = result.stdout.split('\n').map(parseRecord);
      const smk = records.find((r) => r?.kind === 'case' && r.title === 'SMK-001 test_gateway_health');
      assert.ok(smk?.kind === 'case', result.output);
      assert.ok((smk.waitMs ?? 0) >= 1400, `waited ${smk.waitMs} ms`);
      assert.ok(smk.durationMs < (smk.waitMs ?? 0), `the case's ${smk.durationMs} ms include the wait`);
      // node's own reporters say it too.
      assert.match(
        result.output,
        /waited \d+\.\ds before its first step \(run slot, target preparation, other cases. resources\)/,
      );
    } finally {
      forwarder.close();
    }
  });

  it('fails a run in which every case skipped: its last case to end says that nothing was tested', async () => {
    const result = await nodeTest(['e2e/restart.test.ts'], {
      ESB_E2E_ENV_FILE: envFile,
      ESB_E2E_IDS: 'RST-001',
    });
    assert.equal(result.status, 1, result.output);
    assert.equal(count(result.output, 'skipped'), 1);
    assert.equal(count(result.output, 'fail'), 1);
    assert.match(
      result.output,
      /✖ RST-001 test_service_process_crash_recovers\[(gateway|agent)\][\s\S]*skipped \(.*control-plane.*\), and so was every other case of this run: nothing was tested/,
    );
  });
});
