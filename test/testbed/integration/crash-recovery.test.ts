import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { profileFor } from '../../../testbed/docker/profiles.ts';
import { clientEnvFile } from '../../../testbed/docker/testbed-paths.ts';
import { parseEnvFile, TestbedClient, testbedCli, transportCause } from '../../helpers/testbed-client.ts';

const ENV = 'e2e-docker';
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
let client: TestbedClient;

/** The contract's crash commands (§10): TERM to PID 1 for the gateway, to the process named agent for the agent. */
const CRASH: Record<string, string> = {
  gateway: 'kill -TERM 1',
  agent:
    'for p in /proc/[0-9]*; do if [ "$(cat $p/comm 2>/dev/null)" = agent ]; then kill -TERM ${p#/proc/}; exit 0; fi; done; echo "no process named agent" >&2; exit 1',
};

async function serviceContainer(service: string) {
  const [info] = await docker.listContainers({
    all: true,
    filters: {
      label: [
        `com.docker.compose.project=${profileFor(ENV).projectName}`,
        `com.docker.compose.service=${service}`,
      ],
    },
  });
  return docker.getContainer(info?.Id ?? assert.fail(`no ${service} container`));
}

async function exec(container: Docker.Container, script: string): Promise<number> {
  const run = await container.exec({ Cmd: ['sh', '-lc', script], AttachStdout: true, AttachStderr: true });
  const stream = await run.start({});
  await new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.resume();
  });
  return (await run.inspect()).ExitCode ?? -1;
}

/** What the gateway container is doing, for a failed login's message: its state and its last log lines. */
async function gatewayState(): Promise<string> {
  const container = await serviceContainer('gateway');
  const info = await container.inspect();
  const logs = await container.logs({ stdout: true, stderr: true, tail: 15, follow: false });
  // The multiplexed stream's 8-byte frame headers are noise here.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Docker's log frame headers
  const text = logs.toString('utf8').replace(/[\x00-\x08]/g, '');
  return `gateway container ${info.State.Status}, ${info.RestartCount} restart(s), started ${info.State.StartedAt}; its last lines:\n${text}`;
}

/** Logs in once the gateway answers; a login that never succeeds says what the gateway container was doing. */
async function loginBy(deadline: number): Promise<string> {
  try {
    return await client.tokenBy(deadline);
  } catch (error) {
    assert.fail(`${(error as Error).message}\n${await gatewayState().catch((e: Error) => e.message)}`);
  }
}

async function echoUntilOk(
  token: string,
  message: string,
  deadline: number,
): Promise<Record<string, unknown>> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const answer = await client.api('/api/echo', token, { message });
      if (answer.status === 200) return answer.json ?? {};
      last = `status ${answer.status}`;
    } catch (error) {
      last = transportCause(error);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.fail(`/api/echo did not recover: ${last}`);
}

describe('crash recovery by Docker restart policy (real Docker)', { timeout: 600_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', ENV]);
    const up = testbedCli(['up', '--env', ENV]);
    assert.equal(up.status, 0, up.stderr);
    client = new TestbedClient(parseEnvFile(clientEnvFile(ENV)));
  });

  after(() => {
    testbedCli(['down', '--env', ENV]);
  });

  for (const service of ['gateway', 'agent']) {
    it(`${service}: a TERM to its main process brings the container back, serving /api/echo, data intact`, async () => {
      // A test starts once the gateway answers: the one before may have restarted it.
      let token = await loginBy(Date.now() + 90_000);
      const key = `crash-${service}-${Date.now()}.txt`;
      const put = await client.api('/api/s3', token, {
        action: 'put',
        bucket: 'e2e-test-bucket',
        key,
        body: `kept across a ${service} crash`,
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const item = await client.api('/api/dynamo', token, {
        action: 'put',
        message: `kept across a ${service} crash`,
      });
      assert.equal(item.status, 200, JSON.stringify(item.json));

      const container = await serviceContainer(service);
      const before = await container.inspect();
      assert.equal(before.HostConfig.RestartPolicy?.Name, 'unless-stopped');
      assert.equal(before.State.Status, 'running');
      assert.equal(await exec(container, CRASH[service] ?? ''), 0);

      const deadline = Date.now() + 90_000;
      let after = before;
      while (Date.now() < deadline) {
        after = await container.inspect();
        if (
          after.State.Status === 'running' &&
          after.RestartCount > before.RestartCount &&
          after.State.StartedAt !== before.State.StartedAt
        )
          break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      assert.equal(after.RestartCount, before.RestartCount + 1);
      assert.notEqual(after.State.StartedAt, before.State.StartedAt);
      assert.equal(after.State.Status, 'running');

      token = await loginBy(deadline);
      const echo = await echoUntilOk(token, `post-restart-${service}`, deadline);
      assert.equal(echo.success, true);
      const got = await client.api('/api/s3', token, { action: 'get', bucket: 'e2e-test-bucket', key });
      assert.equal(got.json?.content, `kept across a ${service} crash`);
      const read = await client.api('/api/dynamo', token, { action: 'get', id: item.json?.item_id });
      assert.equal(read.json?.found, true);
    });
  }

  it('S3 and DynamoDB data survive restarts of their own containers', async () => {
    const token = await loginBy(Date.now() + 90_000);
    const key = `restart-storage-${Date.now()}.txt`;
    assert.equal(
      (
        await client.api('/api/s3', token, {
          action: 'put',
          bucket: 'e2e-test-bucket',
          key,
          body: 'survives',
        })
      ).status,
      200,
    );
    const item = await client.api('/api/dynamo', token, { action: 'put', message: 'survives' });
    for (const service of ['s3-storage', 'database']) await (await serviceContainer(service)).restart();
    const deadline = Date.now() + 90_000;
    let content: unknown;
    while (Date.now() < deadline && content !== 'survives') {
      content = (
        await client
          .api('/api/s3', token, { action: 'get', bucket: 'e2e-test-bucket', key })
          .catch(() => undefined)
      )?.json?.content;
      if (content !== 'survives') await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(content, 'survives');
    // The database container restarts on its own clock: S3 answering says nothing about it.
    let found: unknown;
    while (Date.now() < deadline && found !== true) {
      found = (
        await client
          .api('/api/dynamo', token, { action: 'get', id: item.json?.item_id })
          .catch(() => undefined)
      )?.json?.found;
      if (found !== true) await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(found, true);
  });
});
