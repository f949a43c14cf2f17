import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One Invoke API call the stand-in received. */
export interface ReceivedInvoke {
  readonly functionName: string;
  readonly invocationType: string | undefined;
  readonly traceHeader: string | undefined;
  readonly clientContext: string | undefined;
  readonly body: string;
}

/**
 * Just enough of the gateway's Invoke API (`POST /2015-03-31/functions/<name>/invocations`, HTTPS with a
 * self-signed certificate) for chain invokes: forwards to the named worker's `/invoke` with the caller's
 * trace (or a fresh one), answers 202 at once for Event and runs it in the background.
 */
export interface FakeInvokeGateway {
  readonly port: number;
  readonly received: ReceivedInvoke[];
  /** Function name -> worker port; tests register and replace workers here. */
  readonly routes: Map<string, number>;
  /** Resolves when every background (Event) invocation has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'esb-worker-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function startFakeInvokeGateway(): Promise<FakeInvokeGateway> {
  const received: ReceivedInvoke[] = [];
  const routes = new Map<string, number>();
  const background = new Set<Promise<unknown>>();
  const server = createServer(selfSignedCertificate(), (request, response) => {
    const match = INVOKE_PATH.exec((request.url ?? '').split('?')[0] ?? '');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !match?.[1]) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const functionName = decodeURIComponent(match[1]);
      const call: ReceivedInvoke = {
        functionName,
        invocationType: header(request.headers['x-amz-invocation-type']),
        traceHeader: header(request.headers['x-amzn-trace-id']),
        clientContext: header(request.headers['x-amz-client-context']),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(call);
      const port = routes.get(functionName);
      if (port === undefined) {
        response
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: `Function not found: ${functionName}` }));
        return;
      }
      // Like the gateway: the caller's trace, or a new gateway root when it sent none.
      const trace =
        call.traceHeader ??
        `Root=1-${Math.floor(Date.now() / 1000)
          .toString(16)
          .padStart(8, '0')}-${randomBytes(12).toString('hex')};Sampled=1`;
      const forwarded = fetch(`http://127.0.0.1:${port}/invoke`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-amzn-trace-id': trace,
          'x-amz-client-context': Buffer.from(JSON.stringify({ custom: { trace_id: trace } })).toString(
            'base64',
          ),
        },
        body: call.body,
      });
      if (call.invocationType === 'Event') {
        response.writeHead(202).end();
        const run = forwarded.then((answer) => answer.arrayBuffer()).catch(() => undefined);
        background.add(run);
        void run.finally(() => background.delete(run));
        return;
      }
      forwarded
        .then(async (answer) => {
          const functionError = answer.headers.get('x-amz-function-error');
          response
            .writeHead(answer.status, {
              'content-type': 'application/json',
              ...(functionError ? { 'x-amz-function-error': functionError } : {}),
            })
            .end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          response
            .writeHead(502, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: String(error) }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    routes,
    async settled() {
      while (background.size > 0) await Promise.all([...background]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
