import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceConfig } from '../../shared/service-env.ts';
import { type AgentMethod, type GrpcServerMetrics, grpcCodeForStatus } from './grpc-metrics.ts';
import type { WorkerManager } from './worker-manager.ts';

/** What a route answers: a status and, except for 204, a JSON body. */
interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

interface Route {
  readonly method: AgentMethod;
  readonly run: () => Promise<Reply>;
}

/** The largest request body the API reads; the only body it takes is `{"functionName": …}`. */
const MAX_BODY_BYTES = 64 * 1024;

const WORKER_PATH = /^\/v1\/workers\/([^/]+)$/;
const WORKER_METRICS_PATH = /^\/v1\/workers\/([^/]+)\/metrics$/;

/**
 * The Agent API (README "Agent API"): HTTP JSON in place of ESB's gRPC, each call counted as the gRPC
 * method it stands for.
 */
export function createApiHandler(deps: {
  readonly manager: WorkerManager;
  readonly mode: ServiceConfig['mode'];
  readonly metrics: GrpcServerMetrics;
}): (request: IncomingMessage, response: ServerResponse) => void {
  const { manager, metrics } = deps;

  const routeFor = (request: IncomingMessage): Route | undefined => {
    const path = new URL(request.url ?? '/', 'http://agent').pathname;
    const verb = request.method ?? 'GET';
    if (path === '/v1/workers') {
      if (verb === 'POST') return { method: 'EnsureContainer', run: () => ensure(request) };
      if (verb === 'GET') return { method: 'ListContainers', run: async () => list() };
      if (verb === 'DELETE') return { method: 'DestroyAllContainers', run: () => destroyAll() };
    }
    if (path === '/v1/heartbeat' && verb === 'GET')
      return { method: 'Heartbeat', run: async () => ({ status: 200, body: { status: 'ok' } }) };
    const metricsMatch = WORKER_METRICS_PATH.exec(path);
    if (metricsMatch?.[1] !== undefined && verb === 'GET') {
      const id = decodeURIComponent(metricsMatch[1]);
      return { method: 'GetContainerMetrics', run: () => containerMetrics(id) };
    }
    const workerMatch = WORKER_PATH.exec(path);
    if (workerMatch?.[1] !== undefined && verb === 'DELETE') {
      const id = decodeURIComponent(workerMatch[1]);
      return { method: 'DestroyContainer', run: () => destroy(id) };
    }
    return undefined;
  };

  const ensure = async (request: IncomingMessage): Promise<Reply> => {
    const body = await readJson(request);
    const functionName =
      typeof body === 'object' && body !== null && 'functionName' in body ? body.functionName : undefined;
    if (typeof functionName !== 'string' || functionName === '')
      return { status: 400, body: { message: 'functionName (a non-empty string) is required' } };
    const outcome = await manager.create(functionName);
    if (!outcome.ok) return { status: outcome.status, body: { message: outcome.message } };
    return { status: 201, body: outcome.worker };
  };

  const list = (): Reply => ({ status: 200, body: { workers: manager.list() } });

  const destroy = async (id: string): Promise<Reply> => {
    await manager.remove(id);
    return { status: 204 };
  };

  const destroyAll = async (): Promise<Reply> => {
    await manager.removeAll();
    return { status: 204 };
  };

  const containerMetrics = async (id: string): Promise<Reply> => {
    // ESB's Docker runtime has no metrics; only containerd reads cgroup figures (contract §5.7).
    if (deps.mode === 'docker') return { status: 501, body: { message: 'metrics not implemented' } };
    const figures = await manager.metrics(id);
    if (figures === undefined) return { status: 404, body: { message: `no worker '${id}'` } };
    return { status: 200, body: figures };
  };

  return (request, response) => {
    const route = routeFor(request);
    if (route === undefined) {
      request.resume();
      send(response, { status: 404, body: { message: `no route ${request.method} ${request.url}` } });
      return;
    }
    const begun = process.hrtime.bigint();
    metrics.started(route.method);
    route
      .run()
      .catch((error: unknown): Reply => {
        if (error instanceof BadRequest) return { status: 400, body: { message: error.message } };
        return { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
      })
      .then((reply) => {
        send(response, reply);
        const seconds = Number(process.hrtime.bigint() - begun) / 1e9;
        metrics.handled(route.method, grpcCodeForStatus(reply.status), seconds);
      });
  };
}

function send(response: ServerResponse, reply: Reply): void {
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response
    .writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

/** A request the API cannot read: answered 400. */
class BadRequest extends Error {}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new BadRequest('request body is not JSON');
  }
}
