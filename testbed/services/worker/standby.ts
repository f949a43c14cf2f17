import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { activeFaults } from '../../faults/fault-table.ts';
import { listen } from '../../shared/listen.ts';
import { createLogShipper, type LogShipper } from '../../shared/log-shipper.ts';
import { readServiceConfig } from '../../shared/service-env.ts';
import { ASSIGN_PATH, type AssignBody, STANDBY_PATH } from '../../shared/worker-standby.ts';
import { loadWorkerRuntime, type WorkerRuntimeHandle } from './worker-server.ts';

export interface StandbyWorker {
  readonly port: number;
  /** The log shipper of the function once assigned (flushed on stop). */
  shipper(): LogShipper | undefined;
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function assignedEnv(body: unknown): Record<string, string> | undefined {
  const env = (body as Partial<AssignBody> | null)?.env;
  if (env === null || typeof env !== 'object') return undefined;
  const entries = Object.entries(env);
  if (!entries.every(([, v]) => typeof v === 'string')) return undefined;
  const out = Object.fromEntries(entries) as Record<string, string>;
  return out.FUNCTION_NAME ? out : undefined;
}

/**
 * A spare worker (testbed/shared/worker-standby.ts): listens on `port` at once; on its assignment it takes the
 * given environment as its own, loads the function and serves the worker protocol on the same port, so the
 * agent's health wait and the gateway's invocations find it where a cold-started worker would be.
 */
export async function startStandby(port: number): Promise<StandbyWorker> {
  let runtime: WorkerRuntimeHandle | undefined;
  let shipper: LogShipper | undefined;
  let assigning = false;
  const server = createServer((request, response) => {
    if (runtime !== undefined) {
      runtime.handle(request, response);
      return;
    }
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === STANDBY_PATH) return json(response, 200, { status: 'standby' });
    // Not a worker yet: a health check must not take a spare for a ready worker.
    if (request.method === 'GET' && path === '/health') return json(response, 503, { status: 'standby' });
    if (request.method !== 'POST' || path !== ASSIGN_PATH)
      return json(response, 404, { message: 'Not Found' });
    if (assigning) return json(response, 409, { message: 'an assignment is under way' });
    assigning = true;
    readJson(request)
      .then(async (body) => {
        const env = assignedEnv(body);
        if (env === undefined) {
          assigning = false;
          return json(response, 400, { message: 'expected {"env": {...}} with FUNCTION_NAME' });
        }
        Object.assign(process.env, env);
        const config = readServiceConfig();
        shipper = createLogShipper({ url: config.victorialogsUrl });
        runtime = await loadWorkerRuntime({
          functionName: env.FUNCTION_NAME ?? '',
          config,
          faults: activeFaults(),
          shipper,
        });
        json(response, 200, { status: 'ok' });
      })
      .catch((error: unknown) => {
        // A function that cannot load leaves nothing worth keeping: exit, as a cold start would have.
        json(response, 500, { message: (error as Error).message });
        response.once('finish', () => process.exit(1));
      });
  });
  const bound = await listen(server, port);
  return {
    port: bound,
    shipper: () => shipper,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      runtime?.close();
    },
  };
}
