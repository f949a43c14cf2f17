import type { InProcessStackOptions } from '../../../testbed/stack/in-process-stack.ts';

/** Open duration of the breaker in the probe stacks: short, so STD-018's recovery step costs 3 s, not 11. */
export const BREAKER_RECOVERY_SECONDS = 2;

/**
 * Timings of every stack the probes run against. Idle pruning after 4 s on a 0.5 s janitor tick lets the
 * scale-to-zero probe (ASC-005) finish in seconds, yet keeps a worker alive between the calls of one probe
 * on a loaded machine (the pool probes read total_workers after concurrent calls). The scheduler's first run
 * comes 0.5 s after start (STD-025).
 */
export const PROBE_STACK_TIMINGS = {
  breakerRecoverySeconds: BREAKER_RECOVERY_SECONDS,
  idleTimeoutSeconds: 4,
  heartbeatSeconds: 0.5,
  schedulerFirstDelayMs: 500,
} as const satisfies InProcessStackOptions;
