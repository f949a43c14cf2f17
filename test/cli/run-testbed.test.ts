import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Docker from 'dockerode';
import { profileFor } from '../../testbed/docker/profiles.ts';
import { type ChildResult, runCli } from '../helpers/child-run.ts';
import { testbedCli } from '../helpers/testbed-client.ts';
import { elements, parseXml } from '../report/xml-tree.ts';

// The default target on real Docker: a fresh testbed per environment, torn down after.
const ENV = 'e2e-docker';
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-run-testbed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function containerList() {
  return docker.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${profileFor(ENV).projectName}`] },
  });
}

async function projectContainers(): Promise<number> {
  return (await containerList()).length;
}

/** The project's containers by ID with their state (running, exited, …), to tell whether a run touched them. */
async function containerStates(): Promise<Map<string, string>> {
  return new Map((await containerList()).map((c) => [c.Id, c.State]));
}

function cli(args: string[]): Promise<ChildResult> {
  return runCli(args);
}

describe('esb-e2e run on the testbed target (Docker)', () => {
  it('starts a fresh testbed, runs control-plane cases against it, and removes it', async () => {
    assert.equal(await projectContainers(), 0, `${profileFor(ENV).projectName} is in use; stop it first`);
    const junit = join(dir, 'run.xml');
    const result = await cli(['run', '--env', ENV, '--id', 'SMK-001,RST-001', '--junit', junit]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^\\[${ENV}\\] testbed up in \\S+$`, 'm'));
    assert.match(result.stdout, /✔ RST-001 test_service_process_crash_recovers\[gateway\]/);
    assert.match(result.stdout, /✔ RST-001 test_service_process_crash_recovers\[agent\]/);
    assert.match(result.stdout, new RegExp(`^\\[${ENV}\\] testbed down$`, 'm'));
    assert.match(result.stdout, /^e2e: 3 passed, 0 failed, 0 skipped$/m);
    assert.deepEqual(
      elements(parseXml(readFileSync(junit, 'utf8')), 'testcase').map((c) => c.attrs.name),
      [
        'SMK-001 test_gateway_health',
        'RST-001 test_service_process_crash_recovers[gateway]',
        'RST-001 test_service_process_crash_recovers[agent]',
      ],
    );
    assert.equal(await projectContainers(), 0, 'the testbed was not removed');
  });

  it('refuses to run on, or remove, a testbed someone else started', async () => {
    const up = testbedCli(['up', '--env', ENV]);
    assert.equal(up.status, 0, up.stderr);
    try {
      // The testbed may start function workers of its own (the scheduler) while the run is refused: new
      // containers are not the run's doing; a container of the testbed removed or stopped would be.
      const before = await containerStates();
      const result = await cli(['run', '--env', ENV, '--id', 'SMK-001']);
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`a testbed of ${ENV} is already up; stop it \\(npm run testbed -- down --env ${ENV}\\)`),
      );
      assert.match(
        result.stdout,
        /SMK-001 test_gateway_health \(catalog\/smoke\/test_connectivity\.yaml:\d+\)\n\s+not run: /,
      );
      const now = await containerStates();
      for (const [id, state] of before)
        assert.equal(now.get(id), state, `the running testbed's container ${id} was touched`);
    } finally {
      testbedCli(['down', '--env', ENV]);
    }
  });
});
