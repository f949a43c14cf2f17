import { renderValue } from '../../language/eval/template.ts';
import type { TemplateScope } from '../../language/model/observation.ts';
import type { RetrySpec } from '../../language/model/steps.ts';
import { STEP_LIMITS } from '../load/step-limits.ts';
import { boundedNumberFrom } from './rendered-number.ts';
import { sleepSeconds } from './sleep.ts';

/** contract §1.5 request_with_retry, resolved for one step. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly intervalSeconds: number;
  readonly onStatus: ReadonlySet<number>;
  readonly onTransportError: boolean;
  /** Whether a read timeout counts as a failed attempt too (loops that catch every request exception). */
  readonly onReadTimeout: boolean;
  /** When the last attempt ends in an error, return the last response received instead, if there was one. */
  readonly keepLastResponse: boolean;
}

export const DEFAULT_RETRY_STATUSES: readonly number[] = [500, 502, 503, 504];

/** Seconds between attempts when `retry.interval` is not given. */
export const DEFAULT_RETRY_INTERVAL_SECONDS = 2;

/** One attempt and no sleep: what a step without `retry` does. */
export const SINGLE_ATTEMPT: RetryPolicy = {
  attempts: 1,
  intervalSeconds: 0,
  onStatus: new Set(),
  onTransportError: false,
  onReadTimeout: false,
  keepLastResponse: false,
};

export function resolveRetry(spec: RetrySpec | undefined, scope: TemplateScope): RetryPolicy {
  if (spec === undefined) return SINGLE_ATTEMPT;
  return {
    attempts: boundedNumberFrom(
      renderValue(spec.attempts, scope),
      'retry.attempts',
      STEP_LIMITS.retryAttempts,
    ),
    intervalSeconds: boundedNumberFrom(
      renderValue(spec.interval ?? DEFAULT_RETRY_INTERVAL_SECONDS, scope),
      'retry.interval',
      STEP_LIMITS.durationSeconds,
    ),
    onStatus: new Set(spec.on_status ?? DEFAULT_RETRY_STATUSES),
    onTransportError: spec.on_transport_error ?? true,
    onReadTimeout: spec.on_read_timeout ?? false,
    keepLastResponse: spec.keep_last_response ?? false,
  };
}

export interface RetryHooks<T> {
  /** The status of a result, when results have one (HTTP); undefined never counts as failed. */
  statusOf(result: T): number | undefined;
  /** Whether an error is a connection-level error that retry may repeat (never a read timeout). */
  isTransportError(error: unknown): boolean;
  /** Whether an error is a read timeout (retried only with `on_read_timeout`). */
  isReadTimeout?(error: unknown): boolean;
  readonly signal?: AbortSignal;
}

/**
 * Runs `attempt` up to `policy.attempts` times. A failed attempt (retried status or transport error) is always
 * followed by a sleep of `intervalSeconds`, the last one included, as request_with_retry does. The last result is
 * returned; if the last attempt ended in a transport error, that error is thrown even when earlier attempts
 * answered (unless `keepLastResponse`, as the image invoke loop does). Other errors (read timeouts unless
 * `onReadTimeout`, cancellations) propagate at once.
 */
export function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks<T>,
): Promise<T> {
  // A step without `retry` (most of them) is its one attempt, without a loop and a promise around it.
  if (policy === SINGLE_ATTEMPT) return attempt();
  return retryLoop(attempt, policy, hooks);
}

async function retryLoop<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks<T>,
): Promise<T> {
  let last: { result: T } | { error: unknown } | undefined;
  let lastResponse: { result: T } | undefined;
  const retryable = (error: unknown) =>
    (policy.onTransportError && hooks.isTransportError(error)) ||
    (policy.onReadTimeout && hooks.isReadTimeout?.(error) === true);
  for (let i = 0; i < policy.attempts; i++) {
    try {
      const result = await attempt();
      const status = hooks.statusOf(result);
      if (status === undefined || !policy.onStatus.has(status)) return result;
      last = { result };
      lastResponse = last;
    } catch (error) {
      if (!retryable(error)) throw error;
      last = { error };
    }
    await sleepSeconds(policy.intervalSeconds, hooks.signal);
  }
  if (last === undefined) throw new Error('unreachable: retry ran no attempt');
  if ('error' in last) {
    if (policy.keepLastResponse && lastResponse !== undefined) return lastResponse.result;
    throw last.error;
  }
  return last.result;
}
