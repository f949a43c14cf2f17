import { createServer, type Server } from 'node:http';
import type { FaultName } from '../../faults/fault-table.ts';
import { listen } from '../../shared/listen.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import { createApiHandler } from './agent-api.ts';
import { GrpcServerMetrics } from './grpc-metrics.ts';
import { PortAllocator } from './port-allocator.ts';
import { EXPOSITION_CONTENT_TYPE, type MetricFamily, renderExposition } from './prometheus-text.ts';
import { runtimeFamilies } from './runtime-metrics.ts';
import type { WorkerBackend } from './worker-backend.ts';
import { WorkerManager } from './worker-manager.ts';

/**
 * A new worker is ready when it answers `GET /health`; the agent asks every 20 ms for as long as it runs. The
 * limit only guards against a worker that hangs without exiting: it sits below the gateway's 30 s wait for a
 * create call, so a worker is never left started and unknown to the gateway. A start slower than
 * WORKER_SLOW_START_MS is logged as slow, not failed.
 */
export const WORKER_HEALTH_TIMEOUT_MS = 25_000;
export const WORKER_HEALTH_INTERVAL_MS = 20;
export const WORKER_SLOW_START_MS = 2_000;
/**
 * Spares the testbed's agent keeps (README "Spare workers"): two, so that a burst of two cold starts (a pool
 * scaling out) finds both ready; each is an idle node process of about 40 MB.
 */
export const TESTBED_SPARE_WORKERS = 2;

export interface AgentOptions {
  /** Agent API port; 0 picks a free one (tests). */
  readonly port: number;
  /** Prometheus port; 0 picks a free one (tests). */
  readonly metricsPort: number;
  /** Defaults to 127.0.0.1: every testbed address is loopback. */
  readonly host?: string;
  /** MODE decides the metrics answer; the worker port range comes from WORKER_PORT_MIN/MAX. */
  readonly config: ServiceConfig;
  readonly backend: WorkerBackend;
  readonly faults?: ReadonlySet<FaultName>;
  /** Shorter limits for tests that start workers which never become healthy. */
  readonly healthTimeoutMs?: number;
  readonly healthIntervalMs?: number;
  /** A worker start slower than this is logged as slow (WORKER_SLOW_START_MS by default). */
  readonly slowStartMs?: number;
  /**
   * Spare workers kept started ahead of need (README "Spare workers"); 0 (the default) starts every worker from
   * nothing. The testbed's agent keeps AGENT_SPARE_WORKERS.
   */
  readonly spareWorkers?: number;
  /** Where the agent reports adoption and failures; silent by default. */
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface RunningAgent {
  readonly port: number;
  readonly metricsPort: number;
  /**
   * Stops both servers. Workers keep running, as ESB's workers outlive an agent restart, unless
   * `removeWorkers` asks to remove them (tests cleaning up).
   */
  close(options?: { readonly removeWorkers?: boolean }): Promise<void>;
  /** How many spare workers stand by (README "Spare workers"). */
  sparesReady(): number;
}

/** Starts the Agent API and the Prometheus endpoint, after adopting the backend's existing workers. */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const host = options.host ?? '127.0.0.1';
  const faults = options.faults ?? new Set<FaultName>();
  const log = options.log ?? (() => undefined);
  const manager = new WorkerManager({
    backend: options.backend,
    ports: new PortAllocator(options.config.ports.workerMin, options.config.ports.workerMax, '127.0.0.1'),
    faults,
    esb: options.config.esb,
    mode: options.config.mode,
    healthTimeoutMs: options.healthTimeoutMs ?? WORKER_HEALTH_TIMEOUT_MS,
    healthIntervalMs: options.healthIntervalMs ?? WORKER_HEALTH_INTERVAL_MS,
    slowStartMs: options.slowStartMs ?? WORKER_SLOW_START_MS,
    spares: options.spareWorkers ?? 0,
    log,
  });
  try {
    const adopted = await manager.adopt();
    log('adopted existing workers', { count: adopted, backend: options.backend.kind });
  } catch (error) {
    // An engine that is briefly unreachable must not keep the agent down; new workers still get created.
    log('cannot list existing workers', { error: error instanceof Error ? error.message : String(error) });
  }
  manager.fillSpares();

  const grpc = new GrpcServerMetrics();
  const api = createServer(createApiHandler({ manager, mode: options.config.mode, metrics: grpc }));
  const exposition = createServer((request, response) => {
    request.resume();
    const families: MetricFamily[] = [...runtimeFamilies()];
    if (!faults.has('agent-metrics-missing-grpc')) families.push(...grpc.families());
    const body = renderExposition(families);
    response
      .writeHead(200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) })
      .end(request.method === 'HEAD' ? undefined : body);
  });

  const apiPort = await listen(api, options.port, host);
  let metricsPort: number;
  try {
    metricsPort = await listen(exposition, options.metricsPort, host);
  } catch (error) {
    await stop(api);
    throw error;
  }
  return {
    port: apiPort,
    metricsPort,
    sparesReady: () => manager.sparesReady(),
    async close(closeOptions) {
      await Promise.all([stop(api), stop(exposition)]);
      // Spares are nobody's workers: a next agent would only remove them.
      await manager.removeSpares();
      if (closeOptions?.removeWorkers) await manager.removeAll();
    },
  };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections from clients would otherwise hold the close open for seconds.
    server.closeAllConnections();
  });
}
