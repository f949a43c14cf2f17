import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ReadTimeoutError, sendHttp, TransportError } from '../../runner/exec/http-client.ts';
import { closedPort, reply, startServer } from './test-server.ts';

const servers: { close(): Promise<void> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

test('returns status, lower-cased headers, text and latency; sends method, headers and body', async () => {
  const server = await startServer((req, res) => reply(res, 201, { got: req.body }, { 'X-Custom': 'Yes' }));
  servers.push(server);
  const response = await sendHttp({
    method: 'PUT',
    url: `${server.url}/things?a=1`,
    headers: { 'X-Trace': 't-1' },
    body: 'payload',
    timeoutSeconds: 5,
    verifySsl: false,
  });
  assert.equal(response.status, 201);
  assert.equal(response.headers['x-custom'], 'Yes');
  assert.equal(response.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(response.text), { got: 'payload' });
  assert.ok(response.latencyMs > 0);
  const seen = server.requests[0];
  assert.equal(seen?.method, 'PUT');
  assert.equal(seen?.url, '/things?a=1');
  assert.equal(seen?.headers['x-trace'], 't-1');
});

test('HTTPS with a self-signed certificate: accepted without verification, a transport error with it', async () => {
  const server = await startServer((_req, res) => reply(res, 200, 'ok'), { tls: true });
  servers.push(server);
  const plain = await sendHttp({ method: 'GET', url: `${server.url}/health`, headers: {}, verifySsl: false });
  assert.equal(plain.status, 200);
  assert.equal(plain.text, 'ok');
  await assert.rejects(
    sendHttp({ method: 'GET', url: `${server.url}/health`, headers: {}, verifySsl: true }),
    (error: unknown) => error instanceof TransportError,
  );
});

test('a refused connection is a TransportError with code ECONNREFUSED', async () => {
  const port = await closedPort();
  await assert.rejects(
    sendHttp({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      verifySsl: false,
      timeoutSeconds: 5,
    }),
    (error: unknown) => error instanceof TransportError && error.code === 'ECONNREFUSED',
  );
});

test('a port the Fetch standard blocks is named as such, not as a closed socket', async () => {
  await assert.rejects(
    sendHttp({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {}, verifySsl: false, timeoutSeconds: 5 }),
    (error: unknown) =>
      error instanceof TransportError && error.code === 'BLOCKED_PORT' && /blocks/.test(error.message),
  );
});

test('a socket closed without an answer is a TransportError', async () => {
  const server = await startServer((_req, res) => {
    res.socket?.destroy();
  });
  servers.push(server);
  await assert.rejects(
    sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false, timeoutSeconds: 5 }),
    (error: unknown) => error instanceof TransportError,
  );
});

test('no answer within the timeout is a ReadTimeoutError, not a TransportError', async () => {
  const server = await startServer((_req, res) => {
    setTimeout(() => reply(res, 200, 'late'), 10_000).unref();
  });
  servers.push(server);
  const started = performance.now();
  await assert.rejects(
    sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false, timeoutSeconds: 0.2 }),
    (error: unknown) => error instanceof ReadTimeoutError && !(error instanceof TransportError),
  );
  // Well before the late answer: the 0.2 s timeout ended the wait, even on a loaded machine.
  assert.ok(performance.now() - started < 5000);
});

test('without a timeout it waits for a slow answer', async () => {
  const server = await startServer((_req, res) => {
    setTimeout(() => reply(res, 200, 'slow'), 300);
  });
  servers.push(server);
  const response = await sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false });
  assert.equal(response.text, 'slow');
  assert.ok(response.latencyMs >= 250);
});

test('cancelling the run rejects with the signal reason', async () => {
  const server = await startServer((_req, res) => {
    setTimeout(() => reply(res, 200, 'late'), 2000);
  });
  servers.push(server);
  const controller = new AbortController();
  const reason = new Error('run cancelled');
  setTimeout(() => controller.abort(reason), 100);
  await assert.rejects(
    sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false, signal: controller.signal }),
    (error: unknown) => error === reason,
  );
});
