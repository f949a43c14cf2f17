import assert from 'node:assert/strict';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  IDLE_CONNECTION_MS,
  ReadTimeoutError,
  sendHttp,
  TransportError,
} from '../../runner/exec/http-client.ts';
import { closedPort, listenOnLoopback, reply, startServer } from './test-server.ts';

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

test('a compressed answer is decoded as requests decodes it: gzip, deflate with or without its header, br', async () => {
  const json = JSON.stringify({ message: 'Echo: zipped', pad: 'x'.repeat(5000) });
  const encoders: Record<string, (text: string) => Buffer> = {
    gzip: (text) => gzipSync(text),
    deflate: (text) => deflateSync(text),
    'deflate-raw': (text) => deflateRawSync(text),
    br: (text) => brotliCompressSync(text),
    'gzip, br': (text) => brotliCompressSync(gzipSync(text)),
  };
  const server = await startServer((req, res) => {
    const coding = decodeURIComponent(req.url.slice(1));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': coding === 'deflate-raw' ? 'deflate' : coding,
    });
    res.end(encoders[coding]?.(json));
  });
  servers.push(server);
  for (const coding of Object.keys(encoders)) {
    const response = await sendHttp({
      method: 'GET',
      url: `${server.url}/${encodeURIComponent(coding)}`,
      headers: {},
      verifySsl: false,
      timeoutSeconds: 5,
    });
    assert.equal(response.text, json, coding);
  }
  // What requests offers, unless a step names its own.
  assert.equal(server.requests[0]?.headers['accept-encoding'], 'gzip, deflate');
  assert.equal(server.requests[0]?.headers.accept, '*/*');
  assert.equal(server.requests[0]?.headers['user-agent'], 'esb-e2e');
  await sendHttp({
    method: 'GET',
    url: `${server.url}/gzip`,
    headers: { 'Accept-Encoding': 'identity', 'User-Agent': 'mine' },
    verifySsl: false,
    timeoutSeconds: 5,
  });
  assert.equal(server.requests.at(-1)?.headers['accept-encoding'], 'identity');
  assert.equal(server.requests.at(-1)?.headers['user-agent'], 'mine');
});

test('requests in a row share a connection; one idle past IDLE_CONNECTION_MS or closed by the server is not reused', async () => {
  const sockets = new Set<unknown>();
  const server = await startServer((_req, res) => {
    sockets.add(res.socket);
    reply(res, 200, { n: server.requests.length });
  });
  servers.push(server);
  const get = () =>
    sendHttp({ method: 'GET', url: server.url, headers: {}, verifySsl: false, timeoutSeconds: 5 });
  for (let i = 0; i < 10; i++) await get();
  // undici may open a second connection for a request sent in the turn the previous answer ended in.
  assert.ok(sockets.size <= 2, `10 requests in a row took ${sockets.size} connections`);
  const kept = sockets.size;
  await new Promise((resolve) => setTimeout(resolve, IDLE_CONNECTION_MS + 500));
  await get();
  assert.equal(
    sockets.size,
    kept + 1,
    'a connection idle longer than IDLE_CONNECTION_MS was closed, not reused',
  );
  // A server that goes away between two requests (a restart): the next request meets the new one.
  const port = server.port;
  await server.close();
  const again = await startServer((_req, res) => reply(res, 200, 'restarted'), { port });
  servers.push(again);
  const response = await get();
  assert.equal(response.text, 'restarted');
});

test('with HTTP_PROXY set, the request goes through the proxy', async () => {
  const target = await startServer((_req, res) => reply(res, 200, 'via proxy'));
  servers.push(target);
  const seen: string[] = [];
  // A proxy on loopback that tunnels CONNECT and forwards absolute-form requests.
  const proxy = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const forwarded = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forwarded);
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  const listening = await listenOnLoopback(proxy, 'http');
  servers.push(listening);
  const response = await sendHttp({
    method: 'GET',
    url: `${target.url}/through`,
    headers: {},
    verifySsl: false,
    timeoutSeconds: 5,
    proxy: { httpProxy: listening.url, httpsProxy: listening.url, noProxy: '' },
  });
  assert.equal(response.text, 'via proxy');
  assert.equal(seen.length, 1, seen.join(', '));
  assert.match(seen[0] ?? '', new RegExp(`127\\.0\\.0\\.1:${target.port}`));
  assert.equal(target.requests[0]?.url, '/through');
});
