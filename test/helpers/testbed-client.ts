import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { TESTBED_INSTANCE_ENV } from '../../testbed/docker/testbed-instance.ts';
import { REPO_ROOT } from './project-copy.ts';

/**
 * The project's Docker tests work on the `test` set of testbeds (testbed/docker/testbed-instance.ts): their own
 * compose projects, port blocks and .testbed/test/ folder, so a test run neither breaks nor removes a testbed a
 * developer has up, nor meets a concurrent `npm run e2e`. Every Docker test imports this module; the testbed
 * CLI and esb-e2e children inherit the variable.
 */
process.env[TESTBED_INSTANCE_ENV] ??= 'test';

/**
 * TLS verification off, as ESB's E2E clients run (VERIFY_SSL=false). An idle connection is given up after 1 s,
 * well before the gateway's 5 s keep-alive: with undici's default (the server's hint less 1 s), a request sent on
 * a connection idle for about 4-5 s on a loaded machine, whose client timer ran late, met the server's close
 * ("fetch failed" in the fault pass, after probes that had waited on VictoriaLogs for seconds).
 */
export const insecure = new Agent({
  connect: { rejectUnauthorized: false },
  keepAliveTimeout: 1_000,
  keepAliveMaxTimeout: 1_000,
});

/** How long one testbed command may take: `up` on a loaded 2-core machine has taken over a minute. */
const TESTBED_CLI_TIMEOUT_MS = 240_000;

/**
 * Runs `npm run testbed -- <args>` as a user would; returns status and output. A command that was killed (the
 * bound above) or could not start says so in its stderr, with what it had printed, so that an assertion on the
 * status shows why.
 */
export function testbedCli(args: string[]) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['bin/testbed.mjs', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: TESTBED_CLI_TIMEOUT_MS,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ended =
    result.error !== undefined
      ? `\ntestbed ${args.join(' ')}: ${result.error.message} after ${seconds} s; its output:\n${result.stdout}`
      : result.signal !== null
        ? `\ntestbed ${args.join(' ')}: killed by ${result.signal} after ${seconds} s; its output:\n${result.stdout}`
        : '';
  return { status: result.status, stdout: result.stdout, stderr: `${result.stderr ?? ''}${ended}` };
}

/** undici's "fetch failed" with what actually failed (ECONNREFUSED, a reset…), for an assertion message. */
export function transportCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message;
  return cause === undefined ? message : `${message} (${cause.code ?? cause.message})`;
}

/** Reads KEY=VALUE lines. */
export function parseEnvFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

/** A client of one running testbed, from its .env file. */
export class TestbedClient {
  constructor(readonly env: Record<string, string>) {}

  async token(): Promise<string> {
    const response = await this.gateway('/user/auth/v1', {
      method: 'POST',
      headers: { 'x-api-key': this.env.X_API_KEY ?? '' },
      body: JSON.stringify({
        AuthParameters: { USERNAME: this.env.AUTH_USER, PASSWORD: this.env.AUTH_PASS },
      }),
    }).catch((error: unknown) => {
      throw new Error(`login at ${this.env.GATEWAY_URL}: ${transportCause(error)}`);
    });
    if (response.status !== 200)
      throw new Error(`login at ${this.env.GATEWAY_URL}: status ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { AuthenticationResult: { IdToken: string } };
    return body.AuthenticationResult.IdToken;
  }

  /**
   * Logs in once the gateway answers: after a restart its process needs seconds to listen again (tsx compiles it
   * anew in the container), more on a loaded machine, so a single retry is not enough.
   */
  async tokenBy(deadline: number): Promise<string> {
    for (;;) {
      try {
        return await this.token();
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  gateway(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
  ) {
    return fetch(`${this.env.GATEWAY_URL}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body,
      dispatcher: insecure,
      signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
    });
  }

  async api(path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await this.gateway(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      json: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined,
    };
  }
}
