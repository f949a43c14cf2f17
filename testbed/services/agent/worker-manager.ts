import type { FaultName } from '../../faults/fault-table.ts';
import { functionNamed } from '../../functions/function-catalog.ts';
import type { PortAllocator } from './port-allocator.ts';
import type { ContainerMetrics, WorkerBackend, WorkerRecord } from './worker-backend.ts';
import { waitForWorkerHealth } from './worker-health.ts';
import { workerMemoryBytes } from './worker-memory.ts';

/** Outcome of a create request, already shaped for an HTTP status. */
export type CreateOutcome =
  | { readonly ok: true; readonly worker: WorkerRecord }
  | { readonly ok: false; readonly status: 404 | 503; readonly message: string };

export interface WorkerManagerOptions {
  readonly backend: WorkerBackend;
  readonly ports: PortAllocator;
  readonly faults: ReadonlySet<FaultName>;
  /** How long a running worker may take to answer `GET /health` before it counts as hung. */
  readonly healthTimeoutMs: number;
  readonly healthIntervalMs: number;
  /** A start that took longer is logged (with its duration), so load shows in the agent's log. */
  readonly slowStartMs?: number;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * The agent's view of its workers: which exist, on which port, and which are ready to be handed out. A
 * worker is registered as soon as the backend started it (so a concurrent delete-all removes it too) and
 * becomes visible in the list once it answered its health check.
 */
export class WorkerManager {
  readonly #workers = new Map<string, { record: WorkerRecord; ready: boolean }>();

  constructor(private readonly options: WorkerManagerOptions) {}

  /** Takes over the backend's existing workers, so an agent restart keeps serving them. */
  async adopt(): Promise<number> {
    const existing = await this.options.backend.list();
    for (const record of existing) {
      this.#workers.set(record.id, { record, ready: true });
      this.options.ports.hold(record.port);
    }
    return existing.length;
  }

  list(): WorkerRecord[] {
    return [...this.#workers.values()].filter((w) => w.ready).map((w) => w.record);
  }

  has(id: string): boolean {
    return this.#workers.has(id);
  }

  async create(functionName: string): Promise<CreateOutcome> {
    const definition = functionNamed(functionName);
    if (definition === undefined)
      return { ok: false, status: 404, message: `unknown function '${functionName}'` };
    const { backend, ports } = this.options;
    const port = await ports.acquire();
    if (port === undefined) return { ok: false, status: 503, message: 'no free worker port' };
    let record: WorkerRecord;
    try {
      record = await backend.create({
        functionName,
        port,
        memoryBytes: workerMemoryBytes(definition, this.options.faults),
      });
    } catch (error) {
      ports.release(port);
      return {
        ok: false,
        status: 503,
        message: `cannot start a worker for ${functionName}: ${reason(error)}`,
      };
    }
    this.#workers.set(record.id, { record, ready: false });
    const started = Date.now();
    const outcome = await waitForWorkerHealth({
      url: `http://${record.host}:${record.port}/health`,
      timeoutMs: this.options.healthTimeoutMs,
      intervalMs: this.options.healthIntervalMs,
      stillRunning: () => backend.isRunning(record.id),
    });
    const entry = this.#workers.get(record.id);
    const startMs = Date.now() - started;
    if (startMs > (this.options.slowStartMs ?? Number.POSITIVE_INFINITY))
      this.options.log?.('slow worker start', {
        function: functionName,
        worker: record.name,
        outcome,
        startMs,
      });
    if (outcome === 'healthy' && entry !== undefined) {
      entry.ready = true;
      return { ok: true, worker: record };
    }
    await this.remove(record.id);
    const why =
      entry === undefined
        ? 'it was removed while starting'
        : outcome === 'exited'
          ? 'it exited before it answered /health'
          : `it did not answer /health within ${this.options.healthTimeoutMs} ms`;
    return { ok: false, status: 503, message: `cannot start a worker for ${functionName}: ${why}` };
  }

  /**
   * Removes one worker; an unknown id is not an error (the API answers 204 for an id already gone). An id
   * the agent never registered is still removed when the backend lists it as this project's worker: one
   * an earlier agent started while adoption was not possible (engine unreachable at start).
   */
  async remove(id: string): Promise<void> {
    const entry = this.#workers.get(id);
    if (entry === undefined) {
      const stray = (await this.options.backend.list()).some((record) => record.id === id);
      if (stray) await this.options.backend.remove(id);
      return;
    }
    this.#workers.delete(id);
    try {
      await this.options.backend.remove(id);
    } finally {
      this.options.ports.release(entry.record.port);
    }
  }

  /**
   * Removes every worker of this project: the registered ones and any the backend still lists (a worker an
   * earlier agent started), since the gateway calls this at start to begin from nothing.
   */
  async removeAll(): Promise<void> {
    const ids = new Set(this.#workers.keys());
    for (const record of await this.options.backend.list()) ids.add(record.id);
    await Promise.all(
      [...ids].map((id) => (this.#workers.has(id) ? this.remove(id) : this.options.backend.remove(id))),
    );
  }

  /** Metrics of a registered worker, or undefined when the agent does not know the id. */
  async metrics(id: string): Promise<ContainerMetrics | undefined> {
    if (!this.#workers.has(id)) return undefined;
    return this.options.backend.metrics(id);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
