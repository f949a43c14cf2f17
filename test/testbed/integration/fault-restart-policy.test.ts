import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { profileFor } from '../../../testbed/docker/profiles.ts';
import { clientEnvFile } from '../../../testbed/docker/testbed-paths.ts';
import { runCli } from '../../helpers/child-run.ts';
import { testbedCli } from '../../helpers/testbed-client.ts';

/**
 * restart-policy-no is the one fault the in-process fault pass (test/faults/fault-pass.test.ts) cannot show: it
 * lives in Docker itself. One testbed in Docker with the fault on serves both proofs: the catalogue notices
 * (both RST-001 expansions fail at the restart policy), and the fault does what it says (a crashed gateway
 * stays down).
 */
const PROFILE = 'e2e-containerd';
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-restart-policy-'));

interface CaseReport {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly failure?: string;
}

describe('fault restart-policy-no (real Docker)', { timeout: 600_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', PROFILE]);
    const up = testbedCli(['up', '--env', PROFILE, '--fault', 'restart-policy-no']);
    assert.equal(up.status, 0, up.stderr);
  });
  after(() => {
    testbedCli(['down', '--env', PROFILE]);
    rmSync(dir, { recursive: true, force: true });
  });

  // First: RST-001 only inspects before it would crash anything, and fails there under this fault.
  it('RST-001 notices: both expansions fail, naming the restart policy they found', async () => {
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

  it('gives the services policy "no", so a crashed gateway stays down', async () => {
    const [info] = await docker.listContainers({
      filters: {
        label: [
          `com.docker.compose.project=${profileFor(PROFILE).projectName}`,
          'com.docker.compose.service=gateway',
        ],
      },
    });
    const gateway = docker.getContainer(info?.Id ?? assert.fail('no gateway container'));
    assert.equal((await gateway.inspect()).HostConfig.RestartPolicy?.Name, 'no');
    const run = await gateway.exec({
      Cmd: ['sh', '-lc', 'kill -TERM 1'],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await run.start({});
    // Read the exec stream to its end; a detached exec would keep the Docker connection, and this process, alive.
    await new Promise((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.resume();
    });
    let state = await gateway.inspect();
    for (let i = 0; i < 20 && state.State.Status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = await gateway.inspect();
    }
    assert.equal(state.State.Status, 'exited');
    // Docker would restart a container with another policy within a second of its exit: give it the chance.
    await new Promise((r) => setTimeout(r, 3000));
    state = await gateway.inspect();
    assert.equal(state.State.Status, 'exited');
    assert.equal(state.RestartCount, 0);
  });

  it('rejects unknown fault names before starting anything', () => {
    const result = testbedCli(['up', '--env', 'e2e-docker', '--fault', 'no-such-fault']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown fault switch\(es\): no-such-fault/);
  });
});
