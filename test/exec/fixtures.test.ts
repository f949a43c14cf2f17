import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Redactor } from '../../runner/config/redact.ts';
import { deriveSettings } from '../../runner/config/settings.ts';
import {
  checkGatewayHealth,
  FixtureCache,
  type FixtureDeps,
  LOGIN_TIMEOUT_SECONDS,
  login,
} from '../../runner/exec/fixtures.ts';
import { closedPort, reply, startServer, type TestServer } from './test-server.ts';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const credentials = { X_API_KEY: 'api-key-0123456789', AUTH_USER: 'alice', AUTH_PASS: 'pa55-word-xyz' };

function deps(gatewayUrl: string): FixtureDeps {
  const env = { ...credentials, GATEWAY_URL: gatewayUrl };
  return {
    env,
    settings: deriveSettings(env),
    redactor: new Redactor([credentials.X_API_KEY, credentials.AUTH_PASS]),
    signal: new AbortController().signal,
  };
}

/** A gateway stand-in: /health answers `health(n)`, the login answers `login(n)`. */
async function gateway(options: {
  health?: (n: number) => number;
  login?: (n: number) => { status: number; body: unknown; delayMs?: number };
}): Promise<TestServer & { healthCalls: () => number; loginCalls: () => number }> {
  let healthCalls = 0;
  let loginCalls = 0;
  const server = await startServer(
    (req, res) => {
      if (req.url === '/health') {
        healthCalls++;
        const status = options.health?.(healthCalls) ?? 200;
        return reply(res, status, status === 200 ? { status: 'healthy' } : { detail: 'starting' });
      }
      if (req.method === 'POST' && req.url === '/user/auth/v1') {
        loginCalls++;
        const answer = options.login?.(loginCalls) ?? {
          status: 200,
          body: { AuthenticationResult: { IdToken: `token-${loginCalls}-abcdef` } },
        };
        // An infinite delay never answers (a timer would keep this test's process alive after it ends).
        if (answer.delayMs !== Number.POSITIVE_INFINITY)
          setTimeout(() => reply(res, answer.status, answer.body), answer.delayMs ?? 50);
        return;
      }
      reply(res, 404, { message: 'Not Found' });
    },
    { tls: true },
  );
  servers.push(server);
  return Object.assign(server, { healthCalls: () => healthCalls, loginCalls: () => loginCalls });
}

test('health: the first 200 ends the check', async () => {
  const gw = await gateway({ health: (n) => (n < 3 ? 503 : 200) });
  const outcome = await checkGatewayHealth(deps(gw.url), {
    attempts: 10,
    sleepAfterTransportErrorSeconds: 3,
    timeoutSeconds: 5,
  });
  assert.deepEqual(outcome, { kind: 'ready' });
  assert.equal(gw.healthCalls(), 3);
});

test('health: ten answers that are not 200, retried without sleeping, skip the case with a reason', async () => {
  const gw = await gateway({ health: () => 503 });
  const started = performance.now();
  const outcome = await new FixtureCache().gatewayHealth('catalog/a.yaml', deps(gw.url));
  assert.equal(outcome.kind, 'skip');
  assert.match(
    outcome.kind === 'skip' ? outcome.reason : '',
    /gateway not healthy: 10 GET .*\/health got no 200 \(last: answered 503/,
  );
  assert.equal(gw.healthCalls(), 10);
  // Sleeping after each answer would take 9 x 3 s; 8 s leaves a slow machine room and still tells.
  assert.ok(performance.now() - started < 8000, 'a non-200 answer is retried at once');
});

test('health: a transport error is followed by the sleep, and the attempts run out into a skip', async () => {
  const port = await closedPort();
  const started = performance.now();
  const outcome = await checkGatewayHealth(deps(`https://127.0.0.1:${port}`), {
    attempts: 3,
    sleepAfterTransportErrorSeconds: 0.2,
    timeoutSeconds: 5,
  });
  assert.equal(outcome.kind, 'skip');
  assert.match(outcome.kind === 'skip' ? outcome.reason : '', /ECONNREFUSED/);
  assert.ok(performance.now() - started >= 550, 'three sleeps of 0.2 s');
});

test('auth: one login per catalogue file, shared by concurrent cases; x-api-key and credentials sent', async () => {
  const gw = await gateway({});
  const cache = new FixtureCache();
  const d = deps(gw.url);
  const outcomes = await Promise.all([
    cache.authToken('catalog/a.yaml', d),
    cache.authToken('catalog/a.yaml', d),
    cache.authToken('catalog/a.yaml', d),
    cache.authToken('catalog/b.yaml', d),
  ]);
  const later = await cache.authToken('catalog/a.yaml', d);
  assert.equal(gw.loginCalls(), 2);
  assert.equal(gw.healthCalls(), 2);
  assert.equal(cache.logins, 2);
  const tokens = outcomes.map((o) => (o.kind === 'ready' ? o.token : undefined));
  assert.equal(tokens[0], tokens[1]);
  assert.equal(tokens[0], tokens[2]);
  assert.notEqual(tokens[0], tokens[3]);
  assert.deepEqual(later, outcomes[0]);
  const login = gw.requests.find((r) => r.method === 'POST');
  assert.equal(login?.headers['x-api-key'], credentials.X_API_KEY);
  assert.deepEqual(JSON.parse(login?.body ?? ''), {
    AuthParameters: { USERNAME: 'alice', PASSWORD: credentials.AUTH_PASS },
  });
  assert.equal(d.redactor.redact(`Bearer ${tokens[0]}`), 'Bearer ***', 'the token is registered as a secret');
});

test('auth: a non-200 login fails the case naming the status, without the secrets', async () => {
  const gw = await gateway({ login: () => ({ status: 401, body: { message: 'Unauthorized' } }) });
  const d = deps(gw.url);
  const outcome = await new FixtureCache().authToken('catalog/a.yaml', d);
  assert.equal(outcome.kind, 'fail');
  const message = outcome.kind === 'fail' ? outcome.message : '';
  assert.match(message, /login failed: POST https:\/\/127\.0\.0\.1:\d+\/user\/auth\/v1 answered 401/);
  assert.ok(!message.includes(credentials.X_API_KEY) && !message.includes(credentials.AUTH_PASS));
});

test('auth: a login that does not answer fails after its timeout, naming how far it got', async () => {
  assert.equal(LOGIN_TIMEOUT_SECONDS, 30);
  const gw = await gateway({ login: () => ({ status: 200, body: {}, delayMs: Number.POSITIVE_INFINITY }) });
  const started = performance.now();
  const outcome = await login(deps(gw.url), 0.3);
  assert.ok(performance.now() - started < 5_000);
  assert.equal(outcome.kind, 'fail');
  assert.match(
    outcome.kind === 'fail' ? outcome.message : '',
    /^login failed: POST https:\/\/127\.0\.0\.1:\d+\/user\/auth\/v1: connected, but no response headers within 0\.3 s/,
  );
});

test('auth: an unhealthy gateway skips without logging in', async () => {
  const gw = await gateway({ health: () => 500 });
  const outcome = await new FixtureCache({
    attempts: 2,
    sleepAfterTransportErrorSeconds: 0,
    timeoutSeconds: 5,
  }).authToken('catalog/a.yaml', deps(gw.url));
  assert.equal(outcome.kind, 'skip');
  assert.equal(gw.loginCalls(), 0);
});

test('cancelling the case that started a login does not fail the other cases of the file', async () => {
  const gw = await gateway({
    login: () => ({
      status: 200,
      body: { AuthenticationResult: { IdToken: 'tok-shared-123' } },
      delayMs: 300,
    }),
  });
  const cache = new FixtureCache();
  const first = new AbortController();
  const d = deps(gw.url);
  const cancelled = cache.authToken('catalog/a.yaml', { ...d, signal: first.signal });
  const other = cache.authToken('catalog/a.yaml', d);
  setTimeout(() => first.abort(new Error('first case cancelled')), 50);
  await assert.rejects(cancelled, /first case cancelled/);
  assert.deepEqual(await other, { kind: 'ready', token: 'tok-shared-123' });
  assert.equal(gw.loginCalls(), 1);
});
