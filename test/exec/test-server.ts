import { mkdtempSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificate } from '../../testbed/services/gateway/tls-certificate.ts';

/** One request as the test server received it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** performance.now() when it arrived. */
  readonly at: number;
}

export type Handler = (req: SeenRequest, res: ServerResponse, n: number) => void | Promise<void>;

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

let certificate: { key: Buffer; cert: Buffer } | undefined;

/** A self-signed certificate for 127.0.0.1, made once per test process with openssl. */
export function testCertificate(): { key: Buffer; cert: Buffer } {
  if (certificate === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'exec-cert-'));
    certificate = generateCertificate(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  return certificate;
}

/** A real HTTP(S) server on an ephemeral 127.0.0.1 port; `handler` sees each request with its 1-based number. */
export async function startServer(
  handler: Handler,
  options: { tls?: boolean; port?: number } = {},
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res, requests.length)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  };
  const server = options.tls ? createHttpsServer(testCertificate(), listener) : createHttpServer(listener);
  return { ...(await listenOnLoopback(server, options.tls ? 'https' : 'http', options.port)), requests };
}

/** Starts an HTTP(S) server on an ephemeral 127.0.0.1 port; closing it drops its open connections too. */
export async function listenOnLoopback(
  server: HttpServer,
  scheme: 'http' | 'https',
  port = 0,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status and a JSON (or text) body. */
export function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    ...headers,
  });
  res.end(text);
}

/** A port on 127.0.0.1 that refuses connections (a server was there and is gone). */
export async function closedPort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}
