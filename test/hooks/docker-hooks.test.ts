import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { HookDefinition } from '../../hooks/hook-types.ts';
import type { JsonValue } from '../../language/model/steps.ts';
import { clientEnvFile } from '../../testbed/docker/testbed-paths.ts';
import { parseEnvFile, TestbedClient, testbedCli } from '../helpers/testbed-client.ts';

// e2e-containerd: the profile that other Docker tests of this repository leave alone more often.
const ENV = 'e2e-containerd';
let client: TestbedClient;

interface Inspection {
  State: { Status: string; StartedAt: string };
  RestartCount: number;
  HostConfig: { RestartPolicy: { Name: string } };
  Id: string;
}

function hook(name: string): HookDefinition {
  return HOOK_TABLE[name] ?? assert.fail(`hook ${name} is not registered`);
}

async function run(name: string, args: Record<string, JsonValue>, env = client.env): Promise<JsonValue> {
  return hook(name).run(args, { env, signal: AbortSignal.timeout(60_000) });
}

async function inspect(service: string): Promise<Inspection> {
  return (await run('inspect_service', { service })) as unknown as Inspection;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls inspect_service as RST-001 does: every second, up to 45 s, until Docker has restarted the container. */
async function restartedAfter(service: string, before: Inspection): Promise<Inspection> {
  const deadline = Date.now() + 45_000;
  let now = before;
  while (Date.now() < deadline) {
    now = await inspect(service);
    if (
      now.State.Status === 'running' &&
      now.RestartCount > before.RestartCount &&
      now.State.StartedAt !== before.State.StartedAt
    )
      return now;
    await sleep(1000);
  }
  assert.fail(`${service} was not restarted within 45 s: ${JSON.stringify(now.State)}`);
}

async function gatewayHealthy(): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const health = await client.gateway('/health', { timeoutMs: 5000 });
      if (health.status === 200) return;
      last = `status ${health.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  assert.fail(`gateway /health did not answer 200 again: ${last}`);
}

describe('hooks against a real testbed in Docker', { timeout: 600_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', ENV]);
    const up = testbedCli(['up', '--env', ENV]);
    assert.equal(up.status, 0, up.stderr);
    client = new TestbedClient(parseEnvFile(clientEnvFile(ENV)));
  });

  after(() => {
    testbedCli(['down', '--env', ENV]);
  });

  it('inspect_service returns docker inspect: policy unless-stopped, running (also with DOCKER_HOST=unix://)', async () => {
    for (const service of ['gateway', 'agent']) {
      const info = await inspect(service);
      assert.equal(info.HostConfig.RestartPolicy.Name, 'unless-stopped');
      assert.equal(info.State.Status, 'running');
      assert.equal(typeof info.RestartCount, 'number');
    }
    const viaHost = (await run(
      'inspect_service',
      { service: 'gateway' },
      { ...client.env, DOCKER_HOST: 'unix:///var/run/docker.sock' },
    )) as unknown as Inspection;
    assert.equal(viaHost.Id, (await inspect('gateway')).Id);
  });

  it('s3_bucket_lifecycle returns the Enabled 7-day expiration rule as plain JSON', async () => {
    const document = (await run('s3_bucket_lifecycle', { bucket: 'e2e-test-bucket' })) as {
      Rules: { Status: string; Expiration: { Days: number } }[];
    };
    assert.deepEqual(Object.keys(document), ['Rules']);
    const rule = document.Rules.find((r) => r.Status === 'Enabled' && r.Expiration.Days === 7);
    assert.ok(rule, JSON.stringify(document));
    assert.ok(Number.isInteger(rule.Expiration.Days));
    await assert.rejects(
      run('s3_bucket_lifecycle', { bucket: 'no-such-bucket' }),
      new RegExp(`bucket 'no-such-bucket' at http://localhost:${client.env.PORT_S3} failed: NoSuchBucket`),
    );
  });

  it('an unknown service is a clear error naming project and service, with the docker ps to run', async () => {
    const project = client.env.PROJECT_NAME ?? assert.fail('PROJECT_NAME missing');
    const expected = new RegExp(
      `no (running or stopped|running) container of service 'nope' in compose project '${project}'.*` +
        `docker ps -a --filter label=com.docker.compose.project=${project} --filter label=com.docker.compose.service=nope`,
    );
    await assert.rejects(run('inspect_service', { service: 'nope' }), expected);
    await assert.rejects(run('crash_service', { service: 'nope', process: 'pid1' }), expected);
    const restart = (await run('restart_service', { service: 'nope' })) as {
      exit_code: number;
      error: string;
    };
    assert.equal(restart.exit_code, 1);
    assert.match(restart.error, expected);
  });

  it('restart_service restarts the gateway: new StartedAt, same RestartCount, /health answers again', async () => {
    const before = await inspect('gateway');
    const result = await run('restart_service', { service: 'gateway' });
    assert.deepEqual(result, { exit_code: 0, containers: [before.Id] });
    const after = await inspect('gateway');
    assert.equal(after.State.Status, 'running');
    assert.notEqual(after.State.StartedAt, before.State.StartedAt);
    assert.equal(after.RestartCount, before.RestartCount);
    await gatewayHealthy();
  });

  it('crash_service gateway pid1: Docker restarts it (RestartCount + 1) and /health answers again', async () => {
    const before = await inspect('gateway');
    const result = (await run('crash_service', { service: 'gateway', process: 'pid1' })) as {
      exit_code: number;
      output: string;
    };
    assert.equal(result.exit_code, 0, result.output);
    assert.match(result.output, /sending TERM to pid 1/);
    const after = await restartedAfter('gateway', before);
    assert.equal(after.RestartCount, before.RestartCount + 1);
    await gatewayHealthy();
  });

  it("crash_service agent 'agent': Docker restarts it (RestartCount + 1)", async () => {
    const before = await inspect('agent');
    const result = (await run('crash_service', { service: 'agent', process: 'agent' })) as {
      exit_code: number;
      output: string;
    };
    assert.equal(result.exit_code, 0, result.output);
    assert.match(result.output, /sending TERM to agent \(pid \d+\)/);
    const after = await restartedAfter('agent', before);
    assert.equal(after.RestartCount, before.RestartCount + 1);
  });

  it('crash_service with a process name that does not run: exit 1 with a message, nothing restarted', async () => {
    const before = await inspect('agent');
    const result = await run('crash_service', { service: 'agent', process: 'no-such-proc' });
    assert.deepEqual(result, { exit_code: 1, output: 'no process named no-such-proc in this container\n' });
    const after = await inspect('agent');
    assert.deepEqual(
      [after.RestartCount, after.State.StartedAt],
      [before.RestartCount, before.State.StartedAt],
    );
  });
});
