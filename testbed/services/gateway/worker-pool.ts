import type { FunctionDefinition } from '../../functions/function-catalog.ts';

/** A running worker as the agent reports it. */
export interface WorkerHandle {
  readonly id: string;
  readonly name: string;
  readonly functionName: string;
  readonly host: string;
  readonly port: number;
}

/** What the pool needs from the agent. */
export interface WorkerProvisioner {
  create(functionName: string): Promise<WorkerHandle>;
  remove(workerId: string): Promise<void>;
}

/** One entry of GET /metrics/pools (contract §5.6). */
export interface PoolMetrics {
  function_name: string;
  total_workers: number;
  idle: number;
  busy: number;
  provisioning: number;
  max_capacity: number;
  min_capacity: number;
  acquire_timeout: number;
}

export class WorkerAcquireError extends Error {}

interface Waiter {
  resolve(worker: WorkerHandle): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  /** Set when the acquire timed out; a worker provisioned for it then goes to the idle list. */
  timedOut: boolean;
}

export interface PoolOptions {
  /** Fault pool-over-capacity: provision past max_capacity. */
  readonly ignoreCapacity?: boolean;
  /** Fault queue-rejects: fail at once instead of waiting for a release. */
  readonly rejectWhenFull?: boolean;
}

/**
 * The workers of one function (contract §5.5): idle workers are reused first (FIFO); a new one is provisioned
 * while total + provisioning < max; otherwise the request queues until a release or the acquire timeout.
 */
export class WorkerPool {
  private readonly idle: WorkerHandle[] = [];
  private readonly busy = new Set<WorkerHandle>();
  private readonly releasedAt = new Map<WorkerHandle, number>();
  private readonly waiters: Waiter[] = [];
  private provisioning = 0;

  constructor(
    readonly definition: FunctionDefinition,
    private readonly provisioner: WorkerProvisioner,
    private readonly options: PoolOptions = {},
  ) {}

  acquire(): Promise<WorkerHandle> {
    const { name, acquireTimeoutSeconds } = this.definition;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timedOut: false,
        timer: setTimeout(() => {
          waiter.timedOut = true;
          this.dropWaiter(waiter);
          reject(
            new WorkerAcquireError(
              `Failed to start container ${name}: acquire timeout after ${acquireTimeoutSeconds}s`,
            ),
          );
        }, acquireTimeoutSeconds * 1000),
      };
      this.waiters.push(waiter);
      this.pump();
      if (this.options.rejectWhenFull && this.waiters.includes(waiter) && !this.canProvision()) {
        this.dropWaiter(waiter);
        clearTimeout(waiter.timer);
        reject(new WorkerAcquireError(`Failed to start container ${name}: pool is full`));
      }
    });
  }

  /** Returns a worker after a successful invocation; a queued request gets it at once. */
  release(worker: WorkerHandle): void {
    if (!this.busy.has(worker)) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    this.releasedAt.set(worker, Date.now());
    this.pump();
  }

  /** Drops a worker that failed at the connection level and deletes its container. */
  evict(worker: WorkerHandle): void {
    this.busy.delete(worker);
    this.removeIdle(worker);
    void this.provisioner.remove(worker.id).catch(() => undefined);
    this.pump();
  }

  /** Removes workers idle longer than the timeout (measured from their last release). */
  prune(idleTimeoutMs: number, now = Date.now()): WorkerHandle[] {
    const expired = this.idle.filter((w) => now - (this.releasedAt.get(w) ?? now) > idleTimeoutMs);
    for (const worker of expired) {
      this.removeIdle(worker);
      void this.provisioner.remove(worker.id).catch(() => undefined);
    }
    return expired;
  }

  metrics(): PoolMetrics {
    const d = this.definition;
    const total = this.idle.length + this.busy.size;
    return {
      function_name: d.name,
      total_workers: total,
      idle: this.idle.length,
      busy: total - this.idle.length,
      provisioning: this.provisioning,
      max_capacity: d.maxCapacity,
      min_capacity: d.minCapacity,
      acquire_timeout: d.acquireTimeoutSeconds,
    };
  }

  private canProvision(): boolean {
    const total = this.idle.length + this.busy.size + this.provisioning;
    return this.options.ignoreCapacity === true || total < this.definition.maxCapacity;
  }

  /** Serves queued requests from idle workers, then by provisioning while capacity allows. */
  private pump(): void {
    while (this.waiters.length > 0) {
      const worker = this.idle.shift();
      if (worker !== undefined) {
        this.releasedAt.delete(worker);
        this.handTo(this.waiters.shift() as Waiter, worker);
        continue;
      }
      if (!this.canProvision()) return;
      const waiter = this.waiters.shift() as Waiter;
      this.provisioning += 1;
      this.provisioner.create(this.definition.name).then(
        (created) => {
          this.provisioning -= 1;
          this.handTo(waiter, created);
        },
        (error: unknown) => {
          this.provisioning -= 1;
          clearTimeout(waiter.timer);
          waiter.reject(
            new WorkerAcquireError(
              `Failed to start container ${this.definition.name}: ${(error as Error).message}`,
            ),
          );
          this.pump();
        },
      );
    }
  }

  private handTo(waiter: Waiter, worker: WorkerHandle): void {
    if (waiter.timedOut) {
      this.idle.push(worker);
      this.releasedAt.set(worker, Date.now());
      this.pump();
      return;
    }
    this.busy.add(worker);
    clearTimeout(waiter.timer);
    waiter.resolve(worker);
  }

  private dropWaiter(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
  }

  private removeIdle(worker: WorkerHandle): void {
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.releasedAt.delete(worker);
  }
}
