import type { CaseExecution, StepSpec } from '../../language/model/steps.ts';
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_POLL_TIMEOUT_SECONDS } from './poll.ts';
import { DEFAULT_RETRY_INTERVAL_SECONDS } from './retry.ts';
import { stepKind } from './step-kind.ts';
import type { StepBounds } from './step-kind-entry.ts';
import { STEP_TABLE } from './step-table.ts';

/**
 * A case's default deadline is its steps' own bound (every timeout, retry, poll and sleep added up) times this,
 * plus DEADLINE_MARGIN_SECONDS: room for a loaded machine, never so tight that a slow but healthy platform trips it.
 * The deadline is there so that a platform that hangs cannot stall a run; the steps' own limits fail first.
 */
export const DEADLINE_FACTOR = 2;
export const DEADLINE_MARGIN_SECONDS = 30;

/** What templated retry and poll counts count as (their value is known only at run time). */
const ATTEMPTS_FALLBACK = 10;
/** What a templated timeout or interval counts as. */
const SECONDS_FALLBACK = 60;

export interface CaseDeadline {
  readonly seconds: number;
  /** Whether the case declares it (`timeout:`), or it was derived from the steps. */
  readonly declared: boolean;
}

const bounds: StepBounds = {
  number: (value, fallback) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback),
  steps: (steps) => steps.reduce((sum, step) => sum + stepBound(step), 0),
};

interface Observing {
  readonly retry?: { readonly attempts: unknown; readonly interval?: unknown };
  readonly poll?: { readonly timeout?: unknown; readonly attempts?: unknown; readonly interval?: unknown };
}

/** The most a step takes by its declared numbers: its kind's bound, times retry and poll for observing kinds. */
export function stepBound(step: StepSpec): number {
  const entry = STEP_TABLE[stepKind(step)] as {
    observes: boolean;
    boundSeconds(s: StepSpec, b: StepBounds): number;
  };
  const once = entry.boundSeconds(step, bounds);
  if (!entry.observes) return once;
  const { retry, poll } = step as Observing;
  const attempts = retry === undefined ? 1 : bounds.number(retry.attempts, ATTEMPTS_FALLBACK);
  const retryInterval =
    retry === undefined
      ? 0
      : bounds.number(retry.interval ?? DEFAULT_RETRY_INTERVAL_SECONDS, SECONDS_FALLBACK);
  const attempt = once * attempts + retryInterval * (attempts - 1);
  if (poll === undefined) return attempt;
  const interval = bounds.number(poll.interval ?? DEFAULT_POLL_INTERVAL_SECONDS, SECONDS_FALLBACK);
  // Rounds end at the first of the timeout and the attempts; a round that started before the timeout finishes.
  const byTimeout =
    poll.timeout !== undefined || poll.attempts === undefined
      ? bounds.number(poll.timeout ?? DEFAULT_POLL_TIMEOUT_SECONDS, SECONDS_FALLBACK) + interval + attempt
      : Number.POSITIVE_INFINITY;
  const byAttempts =
    poll.attempts !== undefined
      ? bounds.number(poll.attempts, ATTEMPTS_FALLBACK) * (attempt + interval)
      : Number.POSITIVE_INFINITY;
  return Math.min(byTimeout, byAttempts);
}

/** The case's deadline: its `timeout`, or derived from its steps. */
export function caseDeadline(execution: Pick<CaseExecution, 'timeout' | 'steps'>): CaseDeadline {
  if (execution.timeout !== undefined) return { seconds: execution.timeout, declared: true };
  const own = bounds.steps(execution.steps);
  return { seconds: Math.ceil(own * DEADLINE_FACTOR + DEADLINE_MARGIN_SECONDS), declared: false };
}

/** The case ran past its deadline. */
export class CaseDeadlineError extends Error {
  constructor(readonly deadline: CaseDeadline) {
    super(
      deadline.declared
        ? `the case's deadline of ${deadline.seconds} s (its timeout) passed`
        : `the case's deadline of ${deadline.seconds} s passed (derived from its steps' timeouts, retries, polls and sleeps; set timeout: on the case to change it)`,
    );
    this.name = 'CaseDeadlineError';
  }
}
