import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Docker from 'dockerode';
import { SERVICE_LABEL } from '../../testbed/docker/compose-labels.ts';
import { profileFor } from '../../testbed/docker/profiles.ts';
import { SHIPPED_RECORDS_FILE } from '../../testbed/docker/service-logs.ts';
import { platformLaneOf, testbedInstance } from '../../testbed/docker/testbed-instance.ts';
import { logsDir } from '../../testbed/docker/testbed-paths.ts';
import { type ChildResult, cleanEnv, runCli } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { scratchProject } from '../helpers/scratch-project.ts';
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

/**
 * The project's service containers (gateway, agent, stores…) by ID with their state (running, exited, …), to tell
 * whether a run touched them. Function workers are left out: the testbed's agent creates, starts and reaps them on
 * its own clock (the scheduler invokes functions), so a worker seen `created` and then `running` says nothing.
 */
async function serviceStates(): Promise<Map<string, string>> {
  return new Map(
    (await containerList()).filter((c) => c.Labels[SERVICE_LABEL] !== undefined).map((c) => [c.Id, c.State]),
  );
}

function cli(args: string[], env?: Record<string, string>): Promise<ChildResult> {
  return runCli(args, env);
}

/**
 * A project (ESB_E2E_ROOT) whose one case fails on the testbed: it sends the testbed's password in a query string
 * (which the gateway's access record keeps) and expects a status no endpoint answers.
 */
function failingProject(): string {
  return scratchProject(join(dir, 'failing-project'), {
    env: ENV,
    scenario: 'smoke',
    file: 'test_logs.yaml',
    cases: `cases:
  - test: test_a_failure_keeps_the_logs
    id: LOG-001
    anchor: desc-log-001
    category: 機能系
    fixture: none
    doc: { guarantee: 保証する。, input: 入力する。, pass_criteria: 合格すること。, failure_hint: 確認する。 }
    steps:
      - name: a status no endpoint answers
        request: { method: GET, path: "/health?probe=\${env.AUTH_PASS}", auth: none }
        expect: { status: 299 }
`,
  });
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
    // RST-001 crashes services: it ran on a second testbed of its own, beside SMK-001.
    // A second testbed that did not start says why on stderr.
    const shown = `${result.stdout}\n--- stderr\n${result.stderr}`;
    assert.match(
      result.stdout,
      new RegExp(`^\\[${ENV}\\] starting a second testbed for the cases that take the whole platform$`, 'm'),
      shown,
    );
    assert.match(result.stdout, new RegExp(`^\\[${ENV}\\] second testbed up in \\S+$`, 'm'), shown);
    assert.match(result.stdout, new RegExp(`^\\[${ENV}\\] second testbed down$`, 'm'), shown);
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
    const lane = profileFor(ENV, platformLaneOf(testbedInstance())).projectName;
    assert.deepEqual(
      await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${lane}`] } }),
      [],
      'the second testbed was not removed',
    );
  });

  it('keeps the logs of a testbed on which a case failed, redacted, before it removes the testbed', async () => {
    assert.equal(await projectContainers(), 0, `${profileFor(ENV).projectName} is in use; stop it first`);
    const result = await cli(['run', '--env', ENV], { ...cleanEnv(), ESB_E2E_ROOT: failingProject() });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✖ LOG-001 test_a_failure_keeps_the_logs/);
    const logs = logsDir(ENV);
    const shown = logs.slice(REPO_ROOT.length + 1);
    assert.match(
      result.stdout,
      new RegExp(`^\\[${ENV}\\] a case failed: the testbed's service and worker logs are in ${shown}/$`, 'm'),
    );
    assert.match(result.stdout, new RegExp(`^\\[${ENV}\\] testbed down$`, 'm'));
    assert.equal(await projectContainers(), 0, 'the testbed was not removed');
    const files = readdirSync(logs);
    for (const service of ['gateway', 'agent', 'victorialogs', 'database', 's3-storage'])
      assert.ok(files.includes(`${service}.log`), `${service}.log missing in ${files.join(', ')}`);
    assert.match(readFileSync(join(logs, 'agent.log'), 'utf8'), /agent listening/);
    // The gateway's access record of the failing request (its stdout, written at once), the password redacted.
    const access = readFileSync(join(logs, 'gateway.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"probe"'));
    assert.equal(access.length, 1, 'no access record of the failing request in gateway.log');
    assert.match(access[0] ?? '', /"query_params":\{"probe":"\*\*\*"\}/);
    // What the services shipped to VictoriaLogs (shipping is batched: the last records may not be in yet).
    assert.match(readFileSync(join(logs, SHIPPED_RECORDS_FILE), 'utf8'), /Gateway listening/);
  });

  it('refuses to run on, or remove, a testbed someone else started', async () => {
    const up = testbedCli(['up', '--env', ENV]);
    assert.equal(up.status, 0, up.stderr);
    try {
      const before = await serviceStates();
      assert.ok(
        before.size >= 5,
        `only ${before.size} service containers: ${[...before.values()].join(', ')}`,
      );
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
      const now = await serviceStates();
      for (const [id, state] of before)
        assert.equal(now.get(id), state, `the running testbed's container ${id} was touched`);
    } finally {
      testbedCli(['down', '--env', ENV]);
    }
  });
});
