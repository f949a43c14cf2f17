import { renderValue } from '../../language/eval/template.ts';
import type { Failure, Observation, TemplateScope } from '../../language/model/observation.ts';
import type { PollSpec } from '../../language/model/steps.ts';
import { type NumberLimit, STEP_LIMITS } from '../load/step-limits.ts';
import { boundedNumberFrom } from './rendered-number.ts';
import { sleepSeconds } from './sleep.ts';

export interface PollPolicy {
  /** Wall-time limit in seconds, if any. */
  readonly timeoutSeconds?: number;
  /** Round limit, if any. */
  readonly attempts?: number;
  readonly intervalSeconds: number;
  readonly accumulate: boolean;
  /** A round error (transport, hook) ends the poll with that error instead of counting as a round. */
  readonly failOnRoundError: boolean;
}

/** Used when a poll names neither limit: the default window of the log-query helper (contract §1.4). */
export const DEFAULT_POLL_TIMEOUT_SECONDS = 30;

/** Seconds slept between rounds when `poll.interval` is not given. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 1;

export function resolvePoll(spec: PollSpec, scope: TemplateScope): PollPolicy {
  const num = (value: unknown, key: string, limit: NumberLimit) =>
    value === undefined ? undefined : boundedNumberFrom(renderValue(value, scope), `poll.${key}`, limit);
  const timeoutSeconds = num(spec.timeout, 'timeout', STEP_LIMITS.timeoutSeconds);
  const attempts = num(spec.attempts, 'attempts', STEP_LIMITS.pollAttempts);
  return {
    timeoutSeconds:
      timeoutSeconds === undefined && attempts === undefined ? DEFAULT_POLL_TIMEOUT_SECONDS : timeoutSeconds,
    attempts,
    intervalSeconds:
      num(spec.interval, 'interval', STEP_LIMITS.durationSeconds) ?? DEFAULT_POLL_INTERVAL_SECONDS,
    accumulate: spec.accumulate ?? false,
    failOnRoundError: spec.errors === 'fail',
  };
}

export interface PollChecks {
  /** Failures of the `until` condition on what the round (or the accumulation) observed; empty means it holds. */
  until(observation: Observation): readonly Failure[];
  /** Failures of `require_each` on one round's own observation; any failure ends the poll at once. */
  requireEach?(observation: Observation): readonly Failure[];
  /** Errors that count as a round that did not hold (transport errors, failed hooks); others propagate. */
  isRoundError(error: unknown): boolean;
  /** How such an error reads as the reason a round did not hold. */
  roundErrorFailure(error: unknown): Failure;
  readonly signal?: AbortSignal;
}

export type PollResult =
  | { readonly outcome: 'held'; readonly observation: Observation; readonly rounds: number }
  | {
      readonly outcome: 'limit' | 'require_each';
      /** Why the last round did not hold (or which require_each condition failed). */
      readonly failures: readonly Failure[];
      readonly observation?: Observation;
      readonly rounds: number;
    };

/** The observation the conditions see: the round's own, or with the body replaced by every round's items. */
function accumulated(observation: Observation, items: unknown[]): Observation {
  return { ...observation, body: [...items] };
}

/**
 * Repeats `round` until `until` holds or a limit is reached (the first of timeout and attempts). The interval is
 * slept between rounds; after it, an elapsed timeout ends the poll without another round.
 */
export async function pollRounds(
  round: () => Promise<Observation>,
  policy: PollPolicy,
  checks: PollChecks,
): Promise<PollResult> {
  const deadline =
    policy.timeoutSeconds === undefined ? undefined : performance.now() + policy.timeoutSeconds * 1000;
  const items: unknown[] = [];
  let rounds = 0;
  let lastFailures: readonly Failure[] = [];
  let lastObservation: Observation | undefined;
  for (;;) {
    rounds++;
    let observation: Observation | undefined;
    try {
      observation = await round();
    } catch (error) {
      if (!checks.isRoundError(error) || policy.failOnRoundError) throw error;
      lastFailures = [checks.roundErrorFailure(error)];
    }
    if (observation !== undefined) {
      const broken = checks.requireEach?.(observation) ?? [];
      if (broken.length > 0) return { outcome: 'require_each', failures: broken, observation, rounds };
      if (policy.accumulate && Array.isArray(observation.body)) items.push(...observation.body);
      const seen = policy.accumulate ? accumulated(observation, items) : observation;
      lastObservation = seen;
      const failures = checks.until(seen);
      if (failures.length === 0) return { outcome: 'held', observation: seen, rounds };
      lastFailures = failures;
    }
    const expired = () => deadline !== undefined && performance.now() >= deadline;
    if ((policy.attempts !== undefined && rounds >= policy.attempts) || expired()) break;
    await sleepSeconds(policy.intervalSeconds, checks.signal);
    if (expired()) break;
  }
  return { outcome: 'limit', failures: lastFailures, observation: lastObservation, rounds };
}
