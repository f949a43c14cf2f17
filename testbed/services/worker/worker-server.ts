import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { activeFaults, type FaultName } from '../../faults/fault-table.ts';
import { deployedFunction } from '../../functions/function-catalog.ts';
import { FUNCTION_HANDLERS } from '../../functions/handlers/index.ts';
import { listen } from '../../shared/listen.ts';
import { createLogShipper, type LogShipper } from '../../shared/log-shipper.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import { awsClientsFor } from './aws-clients.ts';
import { createGatewayAgent } from './chain-invoke.ts';
import { invocationTrace } from './invocation-trace.ts';
import { createRecordSink } from './record-sink.ts';
import { runInvocation, type WorkerRuntime } from './run-invocation.ts';

export interface WorkerOptions {
  readonly functionName: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly config: ServiceConfig;
  /** Defaults to the faults named in this process's environment. */
  readonly faults?: ReadonlySet<FaultName>;
  /** Defaults to a shipper to `config.victorialogsUrl`. */
  readonly shipper?: LogShipper;
}

export interface RunningWorker {
  readonly port: number;
  close(): Promise<void>;
}

/** A loaded function runtime, before or without a server of its own: what a standby worker switches to. */
export interface WorkerRuntimeHandle {
  /** Serves one request of the worker protocol (`GET /health`, `POST /invoke`). */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Releases the runtime's clients (the server is its owner's to close). */
  close(): void;
}

/** Longest a crash waits for the log lines printed before it to reach VictoriaLogs. */
const CRASH_FLUSH_LIMIT_MS = 500;

/**
 * `crash()` of a fixture: the runtime process dies with status 1 and the invocation is never answered.
 * ESB's hook ships each stdout line before the next statement runs, so the lines printed just before the
 * crash are in VictoriaLogs; the bounded flush keeps that true here.
 */
function crashProcess(shipper: LogShipper): () => Promise<never> {
  return async () => {
    await Promise.race([shipper.flush(), delay(CRASH_FLUSH_LIMIT_MS)]);
    process.exit(1);
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function serve(
  worker: WorkerRuntime,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'GET' && path === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (request.method === 'POST' && path === '/invoke') {
    const eventText = await readBody(request);
    const trace = invocationTrace({
      traceHeader: headerValue(request, 'x-amzn-trace-id'),
      clientContext: headerValue(request, 'x-amz-client-context'),
    });
    const answer = await runInvocation(worker, eventText, trace);
    response.writeHead(200, answer.headers).end(answer.body);
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
}

/**
 * Loads the runtime of one fixture function: its handler, its AWS clients (only for a function that uses them),
 * its log sink. Resolves once it can serve.
 */
export async function loadWorkerRuntime(options: Omit<WorkerOptions, 'port'>): Promise<WorkerRuntimeHandle> {
  const definition = deployedFunction(options.functionName, options.config.esb, options.config.mode);
  const entry = FUNCTION_HANDLERS[options.functionName];
  if (definition === undefined || entry === undefined)
    throw new Error(`unknown fixture function '${options.functionName}'`);
  const faults = options.faults ?? activeFaults();
  const shipper = options.shipper ?? createLogShipper({ url: options.config.victorialogsUrl });
  const [handler, aws] = await Promise.all([
    entry.load(),
    awsClientsFor(definition.name, entry.usesAws, options.config),
  ]);
  const gatewayAgent = createGatewayAgent();
  const worker: WorkerRuntime = {
    functionName: definition.name,
    runtime: definition.runtime,
    handler,
    config: options.config,
    faults,
    sink: createRecordSink(shipper, faults),
    aws,
    gatewayAgent,
    crash: crashProcess(shipper),
  };
  return {
    handle(request, response) {
      serve(worker, request, response).catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else
          response
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: (error as Error).message }));
      });
    },
    close() {
      gatewayAgent.destroy();
      aws.destroy();
    },
  };
}

/**
 * Starts the runtime of one fixture function (README "Worker protocol"): `GET /health` and `POST /invoke`
 * on 127.0.0.1. Resolves once the handler is loaded and the port answers.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const runtime = await loadWorkerRuntime(options);
  const server = createServer((request, response) => runtime.handle(request, response));
  const port = await listen(server, options.port);
  return {
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      runtime.close();
    },
  };
}
