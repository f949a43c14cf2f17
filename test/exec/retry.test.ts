import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  type HttpResponse,
  ReadTimeoutError,
  sendHttp,
  TransportError,
} from '../../runner/exec/http-client.ts';
import { type RetryPolicy, withRetry } from '../../runner/exec/retry.ts';
import { reply, startServer, type TestServer } from './test-server.ts';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const policy = (attempts: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  attempts,
  intervalSeconds: 0.1,
  onStatus: new Set([500, 502, 503, 504]),
  onTransportError: true,
  onReadTimeout: false,
  keepLastResponse: false,
  ...overrides,
});

const hooks = {
  statusOf: (r: HttpResponse) => r.status,
  isTransportError: (e: unknown) => e instanceof TransportError,
  isReadTimeout: (e: unknown) => e instanceof ReadTimeoutError,
};

const get =
  (server: TestServer, timeoutSeconds = 5) =>
  () =>
    sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false, timeoutSeconds });

/** Serves the given statuses in turn; 'close' drops the connection without an answer. */
async function scripted(script: readonly (number | 'close' | 'slow')[]): Promise<TestServer> {
  const server = await startServer((_req, res, n) => {
    const step = script[Math.min(n, script.length) - 1];
    if (step === 'close') res.socket?.destroy();
    else if (step === 'slow') setTimeout(() => reply(res, 200, 'late'), 1000);
    else reply(res, step ?? 200, { n });
  });
  servers.push(server);
  return server;
}

test('a retried status is repeated until another status answers, sleeping after each failed attempt', async () => {
  const server = await scripted([503, 502, 200]);
  const started = performance.now();
  const response = await withRetry(get(server), policy(5), hooks);
  assert.equal(response.status, 200);
  assert.equal(server.requests.length, 3);
  assert.ok(performance.now() - started >= 200, 'two sleeps of 0.1 s');
  const [first, second, third] = server.requests;
  assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= 95);
  assert.ok((third?.at ?? 0) - (second?.at ?? 0) >= 95);
});

test('a status outside on_status returns at once, without a sleep', async () => {
  const server = await scripted([404]);
  const started = performance.now();
  const response = await withRetry(get(server), policy(5, { intervalSeconds: 5 }), hooks);
  assert.equal(response.status, 404);
  assert.equal(server.requests.length, 1);
  // One sleep would be 5 s: the bound leaves a slow machine room and still tells.
  assert.ok(performance.now() - started < 3000);
});

test('when every attempt fails, the last response is returned after a sleep after the last attempt too', async () => {
  const server = await scripted([500, 503, 504]);
  const started = performance.now();
  const response = await withRetry(get(server), policy(3, { intervalSeconds: 0.15 }), hooks);
  const elapsed = performance.now() - started;
  assert.equal(response.status, 504);
  assert.equal(server.requests.length, 3);
  const lastArrival = (server.requests[2]?.at ?? 0) - started;
  assert.ok(elapsed - lastArrival >= 140, `slept after the last attempt (${elapsed - lastArrival} ms)`);
  assert.ok(elapsed >= 450, `three sleeps (${elapsed} ms)`);
});

test('on_status decides what is retried', async () => {
  const server = await scripted([429, 200]);
  const response = await withRetry(get(server), policy(3, { onStatus: new Set([429]) }), hooks);
  assert.equal(response.status, 200);
  assert.equal(server.requests.length, 2);
});

test('a transport error on the last attempt raises even though earlier attempts answered', async () => {
  const server = await scripted([503, 503, 'close']);
  await assert.rejects(withRetry(get(server), policy(3), hooks), (e: unknown) => e instanceof TransportError);
  assert.equal(server.requests.length, 3);
});

test('a transport error before a good answer is retried', async () => {
  const server = await scripted(['close', 200]);
  const response = await withRetry(get(server), policy(3), hooks);
  assert.equal(response.status, 200);
});

test('a 5xx after a transport error is returned as the last response', async () => {
  const server = await scripted(['close', 503]);
  const response = await withRetry(get(server), policy(2), hooks);
  assert.equal(response.status, 503);
});

test('with on_transport_error false a transport error raises at the first attempt', async () => {
  const server = await scripted(['close', 200]);
  await assert.rejects(
    withRetry(get(server), policy(3, { onTransportError: false }), hooks),
    (e: unknown) => e instanceof TransportError,
  );
  assert.equal(server.requests.length, 1);
});

test('a read timeout is not retried unless on_read_timeout says so', async () => {
  const server = await scripted(['slow', 200]);
  await assert.rejects(
    withRetry(get(server, 0.2), policy(3), hooks),
    (e: unknown) => e instanceof ReadTimeoutError,
  );
  assert.equal(server.requests.length, 1);
});

test('with on_read_timeout a read timeout is retried like a transport error', async () => {
  const server = await scripted(['slow', 200]);
  const response = await withRetry(get(server, 0.2), policy(3, { onReadTimeout: true }), hooks);
  assert.equal(response.status, 200);
  assert.equal(server.requests.length, 2);
});

test('keep_last_response: an error on the last attempt yields the last response received', async () => {
  const server = await scripted([503, 'close']);
  const response = await withRetry(get(server), policy(2, { keepLastResponse: true }), hooks);
  assert.equal(response.status, 503);
  const never = await scripted(['close', 'close']);
  await assert.rejects(
    withRetry(get(never), policy(2, { keepLastResponse: true }), hooks),
    (e: unknown) => e instanceof TransportError,
    'with no response at all, the last error still fails the step',
  );
});
