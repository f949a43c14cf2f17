import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { ReadTimeoutError, sendHttp, TransportError } from '../../runner/exec/http-client.ts';
import type { TransportKind } from '../../runner/exec/transport-failure.ts';
import { targetPreflight } from '../../runner/preflight/target-preflight.ts';
import { SECRETS } from './exec-harness.ts';
import { closedPort, testCertificate } from './test-server.ts';

// Servers on loopback that fail below HTTP, each in its own way: every way gets its own kind and wording, so a
// user can tell a server that is down from one that hung up, one that speaks TLS from one that does not, and a
// broken HTTP answer from a slow one.

const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

/** A TCP server on 127.0.0.1 that handles each connection with `onSocket` (raw bytes, no HTTP). */
async function rawServer(onSocket: (socket: Socket) => void, tls = false): Promise<number> {
  const server = tls ? createTlsServer(testCertificate(), onSocket) : createServer(onSocket);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Answers every request with these bytes, then closes. */
const answers = (bytes: string) => (socket: Socket) => socket.once('data', () => socket.end(bytes, 'latin1'));

async function failure(url: string, options: { verifySsl?: boolean; timeoutSeconds?: number } = {}) {
  try {
    await sendHttp({
      method: 'GET',
      url,
      headers: {},
      verifySsl: options.verifySsl ?? false,
      timeoutSeconds: options.timeoutSeconds ?? 5,
    });
  } catch (error) {
    return error;
  }
  assert.fail(`GET ${url} did not fail`);
}

interface Scenario {
  readonly name: string;
  readonly url: () => Promise<string>;
  readonly kind: TransportKind;
  readonly message: RegExp;
  readonly verifySsl?: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'nothing listens',
    url: async () => `http://127.0.0.1:${await closedPort()}/`,
    kind: 'refused',
    message: /^connection refused \(ECONNREFUSED\): nothing listens at 127\.0\.0\.1:\d+, from http:/,
  },
  {
    name: 'a reset before any answer',
    url: async () => `http://127.0.0.1:${await rawServer((s) => s.once('data', () => s.resetAndDestroy()))}/`,
    kind: 'reset',
    message: /^the server reset the connection before answering \(ECONNRESET\), from http:/,
  },
  {
    name: 'a close before any answer',
    url: async () => `http://127.0.0.1:${await rawServer((s) => s.once('data', () => s.end()))}/`,
    kind: 'closed',
    message:
      /^the server closed the connection before answering \(UND_ERR_SOCKET\), from http:\S+: if that port speaks TLS, use https:\/\/$/,
  },
  {
    name: 'a close in the middle of the body',
    url: async () =>
      `http://127.0.0.1:${await rawServer(answers('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nabc'))}/`,
    kind: 'closed',
    message: /^the server closed the connection in the middle of the body \(status 200, 3 bytes read\)/,
  },
  {
    name: 'a bad chunk',
    url: async () =>
      `http://127.0.0.1:${await rawServer(answers('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'))}/`,
    kind: 'protocol',
    message:
      /^the answer is not valid HTTP\/1\.1 \(Invalid character in chunk size\) in the middle of the body/,
  },
  {
    name: 'HTTP/0.9 (no status line), with control bytes',
    url: async () => `http://127.0.0.1:${await rawServer(answers('hello\x1b[2J there\n'))}/`,
    kind: 'protocol',
    message:
      /^the server answered without an HTTP status line \(HTTP\/0\.9, or not HTTP at all\): its first bytes were 'hello\\x1b\[2J there\\n'/,
  },
  {
    name: 'a garbled status line',
    url: async () => `http://127.0.0.1:${await rawServer(answers('HTTP/1.1 abc\r\n\r\n'))}/`,
    kind: 'protocol',
    message: /^the answer is not valid HTTP\/1\.1 \(Invalid status code\)/,
  },
  {
    name: 'a TLS alert to a plain-HTTP request',
    url: async () => `http://127.0.0.1:${await rawServer(answers('\x15\x03\x01\x00\x02\x02\x46'))}/`,
    kind: 'tls-mismatch',
    message: /^the server answered in TLS, not plain HTTP, from http:\S+: is this HTTPS\? use https:\/\//,
  },
  {
    name: 'https:// to a port that speaks plain HTTP',
    url: async () =>
      `https://127.0.0.1:${await rawServer(answers('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'))}/`,
    kind: 'tls-mismatch',
    message:
      /^TLS handshake failed \(ERR_SSL_WRONG_VERSION_NUMBER\): the port does not speak TLS, from https:\S+: is this HTTPS\? if the port serves plain HTTP, use http:\/\/$/,
  },
  {
    name: 'a self-signed certificate with VERIFY_SSL on',
    url: async () => `https://127.0.0.1:${await rawServer(answers('HTTP/1.1 200 OK\r\n\r\n'), true)}/`,
    verifySsl: true,
    kind: 'certificate',
    message:
      /^the server's TLS certificate was rejected \(DEPTH_ZERO_SELF_SIGNED_CERT: [^)]*\), from https:\S+: VERIFY_SSL=false/,
  },
];

for (const scenario of SCENARIOS)
  test(`transport failure: ${scenario.name} is ${scenario.kind}`, async () => {
    const error = await failure(
      await scenario.url(),
      scenario.verifySsl === undefined ? {} : { verifySsl: scenario.verifySsl },
    );
    assert.ok(error instanceof TransportError, `not a TransportError: ${String(error)}`);
    assert.equal(error.kind, scenario.kind);
    assert.match(error.message, scenario.message);
    // No raw control character of the server's reaches the message.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for raw control characters
    assert.doesNotMatch(error.message, /[\x00-\x08\x0b-\x1f\x7f]/);
  });

test('timeouts say how far the exchange got: no TLS handshake, no headers, a stalled body', async () => {
  // Accepts TCP and never answers the TLS client hello.
  const silent = await rawServer(() => undefined);
  const handshake = await failure(`https://127.0.0.1:${silent}/`, { timeoutSeconds: 0.3 });
  assert.ok(handshake instanceof ReadTimeoutError);
  assert.match(
    handshake.message,
    /^no connection within 0\.3 s \(the TCP connect or TLS handshake did not finish/,
  );
  const headers = await failure(`http://127.0.0.1:${silent}/`, { timeoutSeconds: 0.3 });
  assert.ok(headers instanceof ReadTimeoutError);
  assert.match(headers.message, /^connected, but no response headers within 0\.3 s/);
  const stalled = await rawServer((s) =>
    s.once('data', () => s.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nabcd')),
  );
  const body = await failure(`http://127.0.0.1:${stalled}/`, { timeoutSeconds: 0.3 });
  assert.ok(body instanceof ReadTimeoutError);
  assert.match(
    body.message,
    /^the headers came \(status 200\), but the body did not end within 0\.3 s \(4 bytes read/,
  );
});

test('preflight: "unreachable" only when nothing answered; a server that answered wrongly gets its own fix', async () => {
  const preflight = (url: string, extra: Record<string, string> = {}) =>
    targetPreflight({ ...SECRETS, GATEWAY_URL: url, ...extra });
  const refused = await closedPort();
  assert.equal(
    await preflight(`http://127.0.0.1:${refused}`),
    `the gateway is unreachable: GET http://127.0.0.1:${refused}/health failed: connection refused (ECONNREFUSED): nothing listens at 127.0.0.1:${refused}; start ESB or set GATEWAY_URL`,
  );
  const plain = await rawServer(answers('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'));
  assert.equal(
    await preflight(`https://127.0.0.1:${plain}`),
    `the gateway does not speak the protocol GATEWAY_URL names: GET https://127.0.0.1:${plain}/health failed: TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER): the port does not speak TLS; is this HTTPS? if the port serves plain HTTP, use http://`,
  );
  const tls = await rawServer(answers('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'), true);
  assert.match(
    (await preflight(`https://127.0.0.1:${tls}`, { VERIFY_SSL: 'true' })) ?? '',
    /^the gateway's certificate was rejected: GET \S+ failed: the server's TLS certificate was rejected \(DEPTH_ZERO_SELF_SIGNED_CERT: [^)]*\); VERIFY_SSL=false accepts/,
  );
  const garbage = await rawServer(answers('SSH-2.0-OpenSSH_9.6\r\n'));
  assert.equal(
    await preflight(`http://127.0.0.1:${garbage}`),
    `the gateway answered, but not as an HTTP server should: GET http://127.0.0.1:${garbage}/health failed: the server answered without an HTTP status line (HTTP/0.9, or not HTTP at all): its first bytes were 'SSH-2.0-OpenSSH_9.6\\r\\n'; check that GATEWAY_URL points at ESB's gateway`,
  );
});
