import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { listenOnLoopback, testCertificate } from '../exec/test-server.ts';

/** What a hostile server does with one request: anything a handler of node:http may, raw bytes included. */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  /** Requests received, as `METHOD /path` with their headers and body. */
  readonly requests: { line: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/**
 * A server on loopback whose routes (`METHOD /path` or `/path`) behave as given; by default it answers like a
 * healthy gateway: /health, the login with `token`, /api/echo and /api/ping.
 */
export async function hostileServer(
  routes: Record<string, Behaviour>,
  options: { tls?: boolean; token?: string } = {},
): Promise<HostileServer> {
  const requests: HostileServer['requests'] = [];
  const token = options.token ?? 'tok-3f8a"<b>&c=d%2Fe';
  const fallback: Record<string, Behaviour> = {
    '/health': (_req, res) => json(res, 200, { status: 'healthy' }),
    'POST /user/auth/v1': (_req, res) => json(res, 200, { AuthenticationResult: { IdToken: token } }),
    '/api/echo': (_req, res) => json(res, 200, { success: true, message: 'Echo: hi' }),
    '/api/ping': (_req, res) => json(res, 200, { ok: true }),
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ line: `${req.method} ${path}`, headers: req.headers, body });
      const behaviour =
        routes[`${req.method} ${path}`] ??
        routes[path] ??
        fallback[`${req.method} ${path}`] ??
        fallback[path];
      if (behaviour === undefined) return json(res, 404, { detail: 'Not Found' });
      behaviour(req, res, body);
    });
  };
  const server =
    options.tls === false ? createHttpServer(listener) : createHttpsServer(testCertificate(), listener);
  return { ...(await listenOnLoopback(server, options.tls === false ? 'http' : 'https')), requests };
}

/** A TCP server that answers every connection's first bytes with `bytes` and closes: no HTTP at all. */
export async function rawServer(bytes: string): Promise<HostileServer> {
  const server = createTcpServer((socket: Socket) => {
    socket.once('data', () => socket.end(bytes, 'latin1'));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Writes bytes straight onto the connection, bypassing HTTP, then closes it. */
export const rawAnswer =
  (bytes: string): Behaviour =>
  (_req, res) => {
    res.socket?.end(bytes, 'latin1');
  };

/** Never answers (the connection stays open until the server closes). */
export const hang: Behaviour = () => undefined;

/** Drops the connection without answering: a TCP reset on plain HTTP; over TLS (which cannot reset) a close. */
export const reset: Behaviour = (_req, res) => {
  const socket = res.socket;
  if (socket === null) return;
  if ('encrypted' in socket) socket.destroy();
  else socket.resetAndDestroy();
};

export const redirectTo =
  (status: number, location: string): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end('moved');
  };
