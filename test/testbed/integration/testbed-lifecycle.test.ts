import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { GetBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import Docker from 'dockerode';
import { fetch } from 'undici';
import { BASE_IMAGE } from '../../../testbed/docker/base-image.ts';
import { portIsFree } from '../../../testbed/docker/port-check.ts';
import { profileFor } from '../../../testbed/docker/profiles.ts';
import { clientEnvFile } from '../../../testbed/docker/testbed-paths.ts';
import { parseEnvFile, TestbedClient, testbedCli } from '../../helpers/testbed-client.ts';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const ENVS = ['e2e-docker', 'e2e-containerd'] as const;
const clients = new Map<string, TestbedClient>();

async function projectContainers(env: string) {
  return docker.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${profileFor(env).projectName}`] },
  });
}

describe('testbed up and down (real Docker)', { timeout: 600_000 }, () => {
  before(async () => {
    for (const env of ENVS) testbedCli(['down', '--env', env]);
    // Both profiles come up at once, side by side.
    const started = Date.now();
    const results = await Promise.all(
      ENVS.map(async (env) => ({ env, result: testbedCli(['up', '--env', env]) })),
    );
    for (const { env, result } of results) {
      assert.equal(result.status, 0, `${env}: ${result.stderr}`);
      clients.set(env, new TestbedClient(parseEnvFile(clientEnvFile(env))));
    }
    process.stderr.write(`both profiles up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  after(() => {
    for (const env of ENVS) testbedCli(['down', '--env', env]);
  });

  it('prints the client environment with secrets redacted and writes it, complete, to .testbed/<env>.env', () => {
    const env = clients.get('e2e-docker')?.env ?? assert.fail();
    for (const key of [
      'GATEWAY_URL',
      'VICTORIALOGS_URL',
      'AGENT_METRICS_URL',
      'X_API_KEY',
      'AUTH_USER',
      'AUTH_PASS',
      'PROJECT_NAME',
      'MODE',
      'PORT_S3',
      'RUSTFS_ACCESS_KEY',
      'RUSTFS_SECRET_KEY',
      'GATEWAY_IDLE_TIMEOUT_SECONDS',
      'HEARTBEAT_INTERVAL',
      'VERIFY_SSL',
    ]) {
      assert.ok(env[key], `${key} missing`);
    }
    assert.deepEqual(
      [env.PROJECT_NAME, env.MODE, env.VERIFY_SSL],
      [profileFor('e2e-docker').projectName, 'docker', 'false'],
    );
    assert.equal(statSync(clientEnvFile('e2e-docker')).mode & 0o777, 0o600);
    assert.match(env.X_API_KEY ?? '', /^[0-9a-f]{32}$/);
    assert.notEqual(
      env.X_API_KEY,
      clients.get('e2e-containerd')?.env.X_API_KEY,
      'credentials are generated per start',
    );
  });

  it('runs every service as a labelled container with host networking, Init and restart policy unless-stopped', async () => {
    const containers = await projectContainers('e2e-docker');
    const services = containers.map((c) => c.Labels['com.docker.compose.service']).sort();
    for (const name of ['agent', 'database', 'gateway', 's3-storage', 'victorialogs'])
      assert.ok(services.includes(name), `${name} missing`);
    const gateway =
      containers.find((c) => c.Labels['com.docker.compose.service'] === 'gateway') ?? assert.fail();
    const inspect = await docker.getContainer(gateway.Id).inspect();
    assert.equal(inspect.HostConfig.NetworkMode, 'host');
    assert.equal(inspect.HostConfig.Init, true);
    assert.equal(inspect.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    assert.equal(inspect.State.Status, 'running');
  });

  it('serves the contract end to end on both profiles: health, login, echo, logs, lifecycle, metrics', async () => {
    for (const env of ENVS) {
      const client = clients.get(env) ?? assert.fail();
      const health = await client.gateway('/health');
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'healthy');
      const token = await client.token();
      const echo = await client.api('/api/echo', token, { message: `hello-${env}` });
      assert.equal(echo.status, 200, JSON.stringify(echo.json));
      assert.deepEqual(echo.json, {
        success: true,
        message: `Echo: hello-${env}`,
        user: client.env.AUTH_USER,
      });
      assert.equal((await client.api('/api/echo', '', { message: 'x' })).status, 401);

      const vl = await fetch(`${client.env.VICTORIALOGS_URL}/health`);
      assert.equal(vl.status, 200);
      const metrics = await fetch(`${client.env.AGENT_METRICS_URL}/metrics`);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(await metrics.text(), /go_goroutines/);

      const containers = await client.gateway('/metrics/containers', {
        headers: { authorization: `Bearer ${token}` },
      });
      if (env === 'e2e-docker') {
        assert.equal(containers.status, 501);
        assert.match(((await containers.json()) as { message: string }).message, /not implemented/);
      } else {
        assert.equal(containers.status, 200);
        const body = (await containers.json()) as {
          containers: { function_name: string; memory_max: number; state: string }[];
        };
        const echoEntry =
          body.containers.find((c) => c.function_name === 'lambda-echo') ?? assert.fail(JSON.stringify(body));
        assert.deepEqual([echoEntry.memory_max, echoEntry.state], [134217728, 'RUNNING']);
      }

      const s3 = new S3Client({
        endpoint: `http://127.0.0.1:${client.env.PORT_S3}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: client.env.RUSTFS_ACCESS_KEY ?? '',
          secretAccessKey: client.env.RUSTFS_SECRET_KEY ?? '',
        },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      const lifecycle = await s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: 'e2e-test-bucket' }),
      );
      assert.ok(lifecycle.Rules?.some((r) => r.Status === 'Enabled' && r.Expiration?.Days === 7));
    }
  });

  it('down removes every container, the state files and the image, and frees the ports', async () => {
    for (const env of ENVS) {
      const result = testbedCli(['down', '--env', env]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal((await projectContainers(env)).length, 0);
      assert.ok(!existsSync(clientEnvFile(env)));
      for (const port of [
        profileFor(env).ports.gateway,
        profileFor(env).ports.victorialogs,
        profileFor(env).ports.s3,
      ])
        assert.ok(await portIsFree(port), `${env} port ${port}`);
    }
    // The base image goes with the last testbed that uses it: a developer's own testbed (the default set) may
    // still be up beside this test's, and keeps it.
    const others = await docker.listContainers({ all: true, filters: { label: ['esb.testbed=true'] } });
    const images = await docker.listImages({ filters: { reference: [BASE_IMAGE] } });
    assert.equal(images.length, others.length === 0 ? 0 : 1, `${others.length} other testbed containers`);
  });
});
