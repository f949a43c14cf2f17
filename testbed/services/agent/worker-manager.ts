import type { FaultName } from '../../faults/fault-table.ts';
import { deployedFunction } from '../../functions/function-catalog.ts';
import type { EsbRevisionName } from '../../revisions/esb-behaviour.ts';
import { STANDBY_PATH } from '../../shared/worker-standby.ts';
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
  /** The ESB revision and mode the functions are deployed as (their memory limits follow). */
  readonly esb: EsbRevisionName;
  readonly mode: 'docker' | 'containerd';
  /** How long a running worker may take to answer `GET /health` before it counts as hung. */
  readonly healthTimeoutMs: number;
  readonly healthIntervalMs: number;
  /** A start that took longer is logged (with its duration), so load shows in the agent's log. */
  readonly slowStartMs?: number;
  /**
   * Spare workers kept started ahead of need (README "Spare workers"): a create takes one and assigns it the
   * function instead of starting a worker from nothing, and a new spare starts behind it. 0: none.
   */
  readonly spares?: number;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * The agent's view of its workers: which exist, on which port, and which are ready to be handed out. A
 * worker is registered as soon as the backend started it (so a concurrent delete-all removes it too) and
 * becomes visible in the list once it answered its health check.
 */
export class WorkerManager {
  readonly #workers = new Map<string, { record: WorkerRecord; ready: boolean }>();
  /** Spares ready to be assigned, oldest first. */
  readonly #spares: WorkerRecord[] = [];
  /** Ids of every spare of this agent, ready or starting: nobody's worker, never removed by removeAll. */
  readonly #spareIds = new Set<string>();
  #sparesStarting = 0;
  /** Set once a spare failed to start: no new spare until a create asks again (no start loop). */
  #spareFailed = false;

  constructor(private readonly options: WorkerManagerOptions) {}

  /**
   * Takes over the backend's existing workers, so an agent restart keeps serving them. Spares an earlier agent
   * left unassigned are removed (this agent starts its own).
   */
  async adopt(): Promise<number> {
    const existing = await this.options.backend.list();
    const workers = existing.filter((record) => record.functionName !== '');
    for (const record of workers) {
      this.#workers.set(record.id, { record, ready: true });
      this.options.ports.hold(record.port);
    }
    await Promise.all(
      existing
        .filter((record) => record.functionName === '')
        .map((record) => this.options.backend.remove(record.id).catch(() => undefined)),
    );
    return workers.length;
  }

  /** How many spares stand by, ready to be assigned. */
  sparesReady(): number {
    return this.#spares.length;
  }

  /** Starts spares until `spares` are ready or starting; failures are logged, not thrown. */
  fillSpares(): void {
    const wanted = this.options.spares ?? 0;
    while (!this.#spareFailed && this.#spares.length + this.#sparesStarting < wanted) {
      this.#sparesStarting++;
      void this.#startSpare().finally(() => {
        this.#sparesStarting--;
      });
    }
  }

  async #startSpare(): Promise<void> {
    const { backend, ports } = this.options;
    const port = await ports.acquire();
    if (port === undefined) return;
    let spare: WorkerRecord;
    try {
      spare = await backend.createSpare(port);
    } catch (error) {
      ports.release(port);
      this.#spareFailed = true;
      this.options.log?.('cannot start a spare worker', { error: reason(error) });
      return;
    }
    this.#spareIds.add(spare.id);
    const outcome = await waitForWorkerHealth({
      url: `http://${spare.host}:${spare.port}${STANDBY_PATH}`,
      timeoutMs: this.options.healthTimeoutMs,
      intervalMs: this.options.healthIntervalMs,
      stillRunning: () => backend.isRunning(spare.id),
    });
    if (outcome === 'healthy' && this.#spareIds.has(spare.id) && !this.#closed) {
      this.#spares.push(spare);
      return;
    }
    if (outcome !== 'healthy') {
      this.#spareFailed = true;
      this.options.log?.('spare worker did not start', { worker: spare.name, outcome });
    }
    await this.#dropSpare(spare);
  }

  async #dropSpare(spare: WorkerRecord): Promise<void> {
    this.#spareIds.delete(spare.id);
    const at = this.#spares.indexOf(spare);
    if (at >= 0) this.#spares.splice(at, 1);
    try {
      await this.options.backend.remove(spare.id);
    } catch {
      // Gone already, or the engine will not say: either way it is nobody's spare any more.
    } finally {
      this.options.ports.release(spare.port);
    }
  }

  #closed = false;

  /** Removes every spare and starts no more (an agent closing with its workers removed). */
  async removeSpares(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#spares].map((spare) => this.#dropSpare(spare)));
  }

  /** A spare's worker for the function, or undefined to start one from nothing (no spare, or it refused). */
  async #assignSpare(
    functionName: string,
    memoryBytes: number | undefined,
  ): Promise<WorkerRecord | undefined> {
    const spare = this.#spares.shift();
    if (!this.#closed) {
      this.#spareFailed = false;
      this.fillSpares();
    }
    if (spare === undefined) return undefined;
    try {
      const record = await this.options.backend.assign(spare, {
        functionName,
        port: spare.port,
        memoryBytes,
      });
      this.#spareIds.delete(spare.id);
      return record;
    } catch (error) {
      this.options.log?.('spare worker refused its function; starting one', {
        function: functionName,
        worker: spare.name,
        error: reason(error),
      });
      await this.#dropSpare(spare);
      return undefined;
    }
  }

  list(): WorkerRecord[] {
    return [...this.#workers.values()].filter((w) => w.ready).map((w) => w.record);
  }

  has(id: string): boolean {
    return this.#workers.has(id);
  }

  async create(functionName: string): Promise<CreateOutcome> {
    const definition = deployedFunction(functionName, this.options.esb, this.options.mode);
    if (definition === undefined)
      return { ok: false, status: 404, message: `unknown function '${functionName}'` };
    const { backend, ports } = this.options;
    const memoryBytes = workerMemoryBytes(definition, this.options.faults);
    let record = await this.#assignSpare(functionName, memoryBytes);
    if (record === undefined) {
      const port = await ports.acquire();
      if (port === undefined) return { ok: false, status: 503, message: 'no free worker port' };
      try {
        record = await backend.create({ functionName, port, memoryBytes });
      } catch (error) {
        ports.release(port);
        return {
          ok: false,
          status: 503,
          message: `cannot start a worker for ${functionName}: ${reason(error)}`,
        };
      }
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
    // Not the spares (functionName ''): this agent's, whether standing by or still starting, are nobody's
    // workers; an earlier agent's were removed when this one adopted.
    for (const record of await this.options.backend.list())
      if (record.functionName !== '' && !this.#spareIds.has(record.id)) ids.add(record.id);
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
