import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clientEnvFile } from '../../testbed/docker/testbed-paths.ts';
import { runCli } from '../helpers/child-run.ts';
import { testbedCli } from '../helpers/testbed-client.ts';

/**
 * restart-policy-no lives in Docker itself, so the in-process fault pass (test/faults/fault-pass.test.ts) cannot show
 * it: a testbed in Docker with the fault on must make both RST-001 expansions fail at the restart policy.
 */
const PROFILE = 'e2e-containerd';
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-restart-policy-'));

interface CaseReport {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly failure?: string;
}

describe('fault restart-policy-no: RST-001 notices (real Docker)', { timeout: 240_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', PROFILE]);
    const up = testbedCli(['up', '--env', PROFILE, '--fault', 'restart-policy-no']);
    assert.equal(up.status, 0, up.stderr);
  });
  after(() => {
    testbedCli(['down', '--env', PROFILE]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('both expansions of RST-001 fail, naming the restart policy they found', async () => {
    const json = join(dir, 'run.json');
    // The restart suite runs on e2e-docker; the faulted testbed is the containerd profile, which is all the
    // restart case reads (PROJECT_NAME, gateway, Docker labels).
    const result = await runCli([
      'run',
      '--target',
      'external',
      '--env',
      'e2e-docker',
      '--client-env',
      clientEnvFile(PROFILE),
      '--id',
      'RST-001',
      '--allow',
      'control-plane',
      '--json',
      json,
    ]);
    assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { environments: { cases: CaseReport[] }[] };
    const cases = report.environments.flatMap((e) => e.cases);
    assert.deepEqual(
      cases.map((c) => `${c.name}: ${c.status}`),
      [
        'test_service_process_crash_recovers[gateway]: failed',
        'test_service_process_crash_recovers[agent]: failed',
      ],
    );
    for (const c of cases)
      assert.match(c.failure ?? '', /RestartPolicy\.Name: expected "unless-stopped", got "no"/);
  });
});
