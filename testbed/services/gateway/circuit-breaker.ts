export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/**
 * One breaker per function (contract §5.8). Failures accumulate while CLOSED (successes do not reset them);
 * at the threshold it opens. While OPEN calls are rejected; once more than the open duration has passed since
 * the last real failure, one call is let through (HALF_OPEN): success closes, failure reopens.
 */
export class CircuitBreaker {
  state: BreakerState = 'CLOSED';
  failures = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    private readonly neverOpens = false,
  ) {}

  /** Whether a call may proceed now; moves OPEN to HALF_OPEN when the open duration has passed. */
  allow(now = Date.now()): boolean {
    if (this.state !== 'OPEN') return true;
    if (now - this.lastFailureAt > this.openMs) {
      this.state = 'HALF_OPEN';
      return true;
    }
    return false;
  }

  recordFailure(now = Date.now()): void {
    if (this.neverOpens) return;
    this.failures += 1;
    this.lastFailureAt = now;
    if (this.state === 'HALF_OPEN' || this.failures >= this.threshold) this.state = 'OPEN';
  }

  recordSuccess(): void {
    if (this.state === 'HALF_OPEN') {
      this.state = 'CLOSED';
      this.failures = 0;
    }
  }
}
