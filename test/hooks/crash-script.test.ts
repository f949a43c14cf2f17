import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { crashCommand } from '../../hooks/crash-script.ts';

// The named-process script runs here against this machine's /proc, on a process with a name nobody else uses.
const dir = mkdtempSync(join(tmpdir(), 'crash-script-'));

function run(cmd: string[]) {
  const [file = '', ...rest] = cmd;
  return spawnSync(file, rest, { encoding: 'utf8', timeout: 10_000 });
}

describe('crash_service script', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pid1 signals PID 1 of the container with TERM', () => {
    const [shell, flag, script, ...rest] = crashCommand('pid1');
    assert.deepEqual([shell, flag, rest], ['sh', '-lc', []]);
    assert.match(script ?? '', /kill -TERM 1$/);
  });

  it('TERMs the process whose comm is exactly the name, and says which pid', async () => {
    const name = `hk${randomBytes(4).toString('hex')}`;
    const binary = join(dir, name);
    copyFileSync('/bin/sleep', binary);
    const victim = spawn(binary, ['60'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => victim.on('exit', (_c, s) => resolve(s)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = run(crashCommand(name));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), `sending TERM to ${name} (pid ${victim.pid})`);
    assert.equal(await exited, 'SIGTERM');
  });

  it('exits 1 with a message when no process has that name', () => {
    const result = run(crashCommand(`none${randomBytes(4).toString('hex')}`));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no process named none[0-9a-f]{8} in this container/);
  });

  it('passes the name as an argument, so shell syntax in it is never executed', () => {
    const marker = join(dir, 'executed');
    const result = run(crashCommand(`$(touch ${marker})`));
    assert.equal(result.status, 1);
    assert.ok(!existsSync(marker));
  });
});
