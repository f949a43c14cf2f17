import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { execInContainer } from '../../../hooks/exec-in-container.ts';
import { profileFor } from '../../../testbed/docker/profiles.ts';
import { clientEnvFile } from '../../../testbed/docker/testbed-paths.ts';
import { runCli } from '../../helpers/child-run.ts';
import { testbedCli } from '../../helpers/testbed-client.ts';

/**
 * The faults the in-process fault pass (test/faults/fault-pass.test.ts) cannot show, because they live in Docker
 * (DOCKER_ONLY_FAULTS): restart-policy-no and cni-forward-rule-missing. One containerd testbed in Docker standing
 * in for ESB 2026-03-02 (where the CNI check exists), with both faults on, serves every proof: the catalogue
 * notices each (both RST-001 expansions fail at the restart policy, SMK-011 at the missing FORWARD rule), and each
 * fault does what it says (a crashed gateway stays down; runtime-node lists no -o rule, but the rest).
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

const ESB = '2026-03-02';

async function runCase(id: string, env: string, json: string) {
  return runCli([
    'run',
    '--target',
    'external',
    '--esb',
    ESB,
    '--env',
    env,
    '--client-env',
    clientEnvFile(PROFILE),
    '--id',
    id,
    '--allow',
    'control-plane',
    '--json',
    json,
  ]);
}

/** `docker exec <container> sh -lc <command>`: its output, stdout and stderr as they came. */
async function execIn(container: string, command: string): Promise<string> {
  return (await execInContainer(docker, container, ['sh', '-lc', command])).output;
}

describe('the Docker-only faults (real Docker)', { timeout: 600_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', PROFILE]);
    const up = testbedCli([
      'up',
      '--env',
      PROFILE,
      '--esb',
      ESB,
      '--fault',
      'restart-policy-no',
      '--fault',
      'cni-forward-rule-missing',
    ]);
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
    const result = await runCase('RST-001', 'e2e-docker', json);
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

  it('SMK-011 notices the missing FORWARD -o rule, after reading the identity and the other rules', async () => {
    const json = join(dir, 'cni.json');
    const result = await runCase('SMK-011', PROFILE, json);
    assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { environments: { cases: CaseReport[] }[] };
    const [smk] = report.environments.flatMap((e) => e.cases);
    assert.equal(smk?.status, 'failed');
    assert.match(smk?.failure ?? '', /runtime-node forwards to the CNI bridge/);
    assert.match(smk?.failure ?? '', /-A FORWARD -o esb-esbt[0-9a-f]{6} -j ACCEPT/);
  });

  it("runtime-node lists the identity's rules but the -o one, and its iptables changes nothing", async () => {
    const project = profileFor(PROFILE).projectName;
    const identity = await execIn(`${project}-agent`, 'cat /var/lib/cni/esb-cni.env');
    assert.match(identity, /^CNI_NETWORK='esb-test-net'$/m);
    const bridge = /^CNI_BRIDGE='([^']+)'$/m.exec(identity)?.[1] ?? assert.fail(identity);
    const forward = await execIn(`${project}-runtime-node`, 'iptables -S FORWARD');
    assert.match(forward, new RegExp(`^-A FORWARD -i ${bridge} -j ACCEPT$`, 'm'));
    assert.doesNotMatch(forward, / -o /);
    const refused = await execIn(`${project}-runtime-node`, 'iptables -A FORWARD -j DROP; echo "exit $?"');
    assert.match(refused, /only 'iptables -t nat -S' and 'iptables -S FORWARD' are answered/);
    assert.match(refused, /^exit 2$/m);
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
