import { captureValues } from '../../assertions/capture.ts';
import { checkExpect } from '../../assertions/check-expect.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { Failure, Observation, TemplateScope } from '../../language/model/observation.ts';
import type { ExpectSpec, HookStep, RequestStep } from '../../language/model/steps.ts';
import { pollRounds, resolvePoll } from './poll.ts';
import { resolveRetry, withRetry } from './retry.ts';
import type { StepContext } from './step-context.ts';
import { describeError, type Evidence, StepFailedError } from './step-failure.ts';
import { stepKind } from './step-kind.ts';

/** One action of a request or hook step: a single attempt, and how to read its outcome. */
export interface ObservedAction {
  /** Performs one attempt and observes its result. */
  attempt(scope: TemplateScope): Promise<Observation>;
  /** Errors that retry may repeat and poll counts as a round that did not hold. */
  isTransportError(error: unknown): boolean;
  /** Read timeouts, which retry repeats only with `on_read_timeout`. */
  isReadTimeout?(error: unknown): boolean;
  /** The last attempt's request and response, for the failure text. */
  evidence(): Evidence | undefined;
}

/**
 * The shared tail of request and hook steps: the action with retry, repeated by poll until its condition holds,
 * then expect on the final observation, then captures into the case's vars.
 */
export async function observeAndCheck(
  step: RequestStep | HookStep,
  ctx: StepContext,
  action: ObservedAction,
): Promise<void> {
  const at = ctx.at;
  const signal = ctx.runtime.run.signal;
  const scope = ctx.scope();
  const fail = (failures: readonly Failure[]): never => {
    throw new StepFailedError({ at, kind: stepKind(step), name: step.name }, failures, action.evidence());
  };
  const retry = resolveRetry(step.retry, scope);
  const { trace } = ctx;
  // With a trace, every attempt's exchange is kept (retries and poll rounds), not only the last.
  const once =
    trace === undefined
      ? () => action.attempt(scope)
      : async () => {
          try {
            return await action.attempt(scope);
          } finally {
            trace.attempted(action.evidence());
          }
        };
  const attempt = () =>
    withRetry(once, retry, {
      statusOf: (o) => (o.kind === 'http' ? o.status : undefined),
      isTransportError: action.isTransportError,
      isReadTimeout: action.isReadTimeout,
      signal,
    });
  const attemptOrFail = async (): Promise<Observation> => {
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted) throw error;
      return fail([{ at, message: describeError(error) }]);
    }
  };
  const expectAt: DataPath = [...at, 'expect'];

  let observation: Observation | undefined;
  if (step.poll !== undefined) {
    const until: ExpectSpec = step.poll.until ?? step.expect ?? {};
    const untilAt: DataPath = step.poll.until !== undefined ? [...at, 'poll', 'until'] : expectAt;
    const requireEach = step.poll.require_each;
    const policy = resolvePoll(step.poll, scope);
    const started = performance.now();
    const result = await pollRounds(attempt, policy, {
      until: (o) => checkExpect(until, o, scope, untilAt),
      requireEach:
        requireEach === undefined
          ? undefined
          : (o) => checkExpect(requireEach, o, scope, [...at, 'poll', 'require_each']),
      isRoundError: action.isTransportError,
      roundErrorFailure: (error) => ({ at, message: describeError(error) }),
      signal,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.outcome === 'require_each') {
      fail([
        { at: [...at, 'poll', 'require_each'], message: `round ${result.rounds} broke poll.require_each:` },
        ...result.failures,
      ]);
    } else if (result.outcome === 'limit' && step.poll.on_limit === 'continue') {
      // The loop being reproduced carries on when its rounds run out (STD-016's health wait); expect and
      // capture, if any, read the last round.
      if (step.expect === undefined && step.capture === undefined) return;
      if (result.observation === undefined) fail(result.failures);
      observation = result.observation;
    } else if (result.outcome === 'limit') {
      const limits = [
        policy.attempts === undefined ? undefined : `${policy.attempts} rounds`,
        policy.timeoutSeconds === undefined ? undefined : `${policy.timeoutSeconds} s`,
      ].filter((x) => x !== undefined);
      fail([
        {
          at: untilAt,
          message: `poll gave up after ${result.rounds} round(s) in ${seconds} s (limit ${limits.join(' or ')}); in the last round:`,
        },
        ...result.failures,
      ]);
    } else {
      observation = result.observation;
    }
  }
  const final = observation ?? (await attemptOrFail());
  if (step.expect !== undefined) {
    const failures = checkExpect(step.expect, final, scope, expectAt);
    trace?.checked(step.expect, failures, expectAt);
    if (failures.length > 0) fail(failures);
  }
  if (step.capture !== undefined) {
    const { values, failures } = captureValues(step.capture, final, scope, [...at, 'capture']);
    if (failures.length > 0) fail(failures);
    Object.assign(ctx.runtime.vars, values);
  }
}
