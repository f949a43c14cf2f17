import { FUNCTIONS, type FunctionDefinition } from '../../functions/function-catalog.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type PoolMetrics, type PoolOptions, WorkerPool, type WorkerProvisioner } from './worker-pool.ts';

export interface PoolManagerOptions extends PoolOptions {
  readonly breakerThreshold: number;
  readonly breakerOpenMs: number;
  readonly breakerNeverOpens?: boolean;
  /** Fault pool-entry-removed-on-prune: forget a pool once pruning empties it. */
  readonly dropEmptyPools?: boolean;
}

/**
 * Pools and breakers, one per function, created on first use after gateway start and kept for its lifetime
 * (an emptied pool still shows in /metrics/pools with 0 workers).
 */
export class PoolManager {
  private readonly pools = new Map<string, WorkerPool>();
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly provisioner: WorkerProvisioner,
    private readonly options: PoolManagerOptions,
    private readonly functions: readonly FunctionDefinition[] = FUNCTIONS,
  ) {}

  definition(name: string): FunctionDefinition | undefined {
    return this.functions.find((f) => f.name === name);
  }

  pool(definition: FunctionDefinition): WorkerPool {
    let pool = this.pools.get(definition.name);
    if (pool === undefined) {
      pool = new WorkerPool(definition, this.provisioner, this.options);
      this.pools.set(definition.name, pool);
    }
    return pool;
  }

  breaker(name: string): CircuitBreaker {
    let breaker = this.breakers.get(name);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(
        this.options.breakerThreshold,
        this.options.breakerOpenMs,
        this.options.breakerNeverOpens,
      );
      this.breakers.set(name, breaker);
    }
    return breaker;
  }

  /** One janitor pass: prune idle workers of every pool. */
  prune(idleTimeoutMs: number, now = Date.now()): number {
    let removed = 0;
    for (const [name, pool] of this.pools) {
      const pruned = pool.prune(idleTimeoutMs, now).length;
      removed += pruned;
      // The fault drops only a pool that this pass pruned to zero, not one whose first worker is still starting.
      const emptied = pruned > 0 && pool.metrics().total_workers === 0 && pool.metrics().provisioning === 0;
      if (this.options.dropEmptyPools && emptied) this.pools.delete(name);
    }
    return removed;
  }

  /** Entries of /metrics/pools, sorted by function name. */
  metrics(): PoolMetrics[] {
    return [...this.pools.values()]
      .map((p) => p.metrics())
      .sort((a, b) => a.function_name.localeCompare(b.function_name));
  }
}
