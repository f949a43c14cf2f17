import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { dockerFromEnv } from '../../hooks/docker-from-env.ts';
import { HOOK_LIST, HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { HookDefinition } from '../../hooks/hook-types.ts';

/** The connection settings docker-modem keeps; its type declarations do not list them. */
type ModemSettings = { socketPath?: string; protocol?: string; host?: string; port?: string | number };
const settings = async (env: Record<string, string>) =>
  (await dockerFromEnv(env)).modem as unknown as ModemSettings;

function hook(name: string): HookDefinition {
  return HOOK_TABLE[name] ?? assert.fail(`hook ${name} is not registered`);
}

const ctx = (env: Record<string, string>) => ({ env, signal: AbortSignal.timeout(10_000) });

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : assert.fail('no port');
}

describe('hook errors that need no platform', () => {
  // Every hook that finds a compose service's container needs the project name (container_shell is given a
  // container's name instead).
  for (const { name, exampleWith } of HOOK_LIST.filter((h) => 'service' in h.exampleWith)) {
    it(`${name} without PROJECT_NAME says what to set`, async () => {
      await assert.rejects(
        hook(name).run(exampleWith, ctx({})),
        /hook \w+: PROJECT_NAME is not set; .*com\.docker\.compose\.project=<PROJECT_NAME>.*esb-e2e-docker/,
      );
    });
  }

  it('a rendered with value of the wrong type names the key and the value', async () => {
    await assert.rejects(
      hook('inspect_service').run({ service: 3 }, ctx({ PROJECT_NAME: 'p' })),
      /hook inspect_service: 'with\.service' must be a non-empty string, got 3/,
    );
  });

  it('an unsupported DOCKER_HOST is named, with the forms that work', async () => {
    await assert.rejects(
      () => dockerFromEnv({ DOCKER_HOST: 'ssh://user@host' }),
      /DOCKER_HOST=ssh:\/\/user@host is not supported.*unix:\/\//,
    );
    await assert.rejects(
      () => dockerFromEnv({ DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' }),
      /with DOCKER_TLS_VERIFY=1 is not supported/,
    );
    assert.equal((await settings({ DOCKER_HOST: 'unix:///run/x.sock' })).socketPath, '/run/x.sock');
    const tcp = await settings({ DOCKER_HOST: 'tcp://127.0.0.1:2375' });
    assert.deepEqual([tcp.protocol, tcp.host, String(tcp.port)], ['http', '127.0.0.1', '2375']);
  });

  it('s3_bucket_lifecycle with missing_credentials fail names the missing key before any request, else esb/esb', async () => {
    const port = await closedPort();
    for (const env of [{}, { RUSTFS_ACCESS_KEY: '  ', RUSTFS_SECRET_KEY: 's' }] as Record<string, string>[])
      await assert.rejects(
        hook('s3_bucket_lifecycle').run(
          { bucket: 'b', missing_credentials: 'fail' },
          ctx({ PORT_S3: String(port), ...env }),
        ),
        /^Error: hook s3_bucket_lifecycle: RUSTFS_ACCESS_KEY is required: export it/,
      );
    await assert.rejects(
      hook('s3_bucket_lifecycle').run(
        { bucket: 'b', missing_credentials: 'fail' },
        ctx({ PORT_S3: String(port), RUSTFS_ACCESS_KEY: 'k' }),
      ),
      /RUSTFS_SECRET_KEY is required/,
    );
    // The default: the seed's esb/esb fallback, so the request is made (and fails on the closed port).
    await assert.rejects(
      hook('s3_bucket_lifecycle').run({ bucket: 'b' }, ctx({ PORT_S3: String(port) })),
      /reading the lifecycle configuration of bucket 'b'/,
    );
    await assert.rejects(
      hook('s3_bucket_lifecycle').run({ bucket: 'b', missing_credentials: 'maybe' }, ctx({})),
      /'with\.missing_credentials' must be one of esb, fail, got "maybe"/,
    );
  });

  it("container_shell answers a container Docker does not have as a failed exec, with Docker's message", async () => {
    const port = await closedPort();
    const document = (await hook('container_shell').run(
      { container: 'no-such-container', command: 'true' },
      ctx({ DOCKER_HOST: `tcp://127.0.0.1:${port}` }),
    )) as { exit_code: number; output: string; lines: string[] };
    assert.equal(document.exit_code, 1);
    assert.match(document.output, /ECONNREFUSED/);
    assert.deepEqual(document.lines, [document.output.trim()]);
  });

  it('s3_bucket_lifecycle names the bucket and the endpoint when S3 does not answer, and shows no secret', async () => {
    const port = await closedPort();
    const secret = 'not-to-be-shown-4711';
    const error = await hook('s3_bucket_lifecycle')
      .run(
        { bucket: 'e2e-test-bucket' },
        ctx({ PORT_S3: String(port), RUSTFS_ACCESS_KEY: 'k', RUSTFS_SECRET_KEY: secret }),
      )
      .then(
        () => assert.fail('expected an error'),
        (e: Error) => e,
      );
    assert.match(
      error.message,
      new RegExp(
        `hook s3_bucket_lifecycle: reading the lifecycle configuration of bucket 'e2e-test-bucket' at http://localhost:${port} failed: `,
      ),
    );
    assert.ok(!error.message.includes(secret));
  });
});
