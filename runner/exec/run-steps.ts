import { sinceHolds } from '../../language/eval/esb-revision.ts';
import { withValues } from '../../language/eval/scope.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { StepSpec } from '../../language/model/steps.ts';
import { conditionHolds } from './condition.ts';
import type { CaseRuntime, StepContext, StepExecutor } from './step-context.ts';
import { describeError, StepFailedError } from './step-failure.ts';
import { stepKind } from './step-kind.ts';
import { STEP_TABLE } from './step-table.ts';
import type { StepRecorder } from './trace-recorder.ts';

function contextFor(
  runtime: CaseRuntime,
  at: DataPath,
  index: number | undefined,
  trace: StepRecorder | undefined,
): StepContext {
  return {
    runtime,
    at,
    index,
    trace,
    // A fresh copy of vars each time: a step sees every capture made before it, and nothing made after.
    scope: () => withValues(runtime.baseScope, { vars: { ...runtime.vars }, index }),
    runSteps: (steps, nestedAt, nestedIndex) => runSteps(steps, runtime, nestedAt, nestedIndex),
    runStep: (step, nestedAt, nestedIndex) => runStep(step, runtime, nestedAt, nestedIndex),
  };
}

/**
 * Runs one step: its `since` (the ESB revision it starts at), its `when`, then its executor. Anything that goes wrong becomes a StepFailedError pointing at
 * the step (or at its `when`), so the case's failure text can show where.
 */
export async function runStep(
  step: StepSpec,
  runtime: CaseRuntime,
  at: DataPath,
  index: number | undefined,
): Promise<void> {
  const kind = stepKind(step);
  const trace = runtime.trace?.beginStep(at, kind, step.name, index);
  const ctx = contextFor(runtime, at, index, trace);
  const failAt = (path: DataPath, error: unknown) =>
    new StepFailedError({ at, kind, name: step.name }, [{ at: path, message: describeError(error) }]);
  if (step.since !== undefined) {
    let holds: boolean;
    try {
      holds = sinceHolds(ctx.scope(), step.since);
    } catch (error) {
      throw failAt([...at, 'since'], error);
    }
    if (!holds) {
      trace?.end('skipped', `since ${step.since}: not in this ESB revision`);
      return;
    }
  }
  if (step.when !== undefined) {
    let holds: boolean;
    try {
      holds = conditionHolds(step.when, ctx.scope());
    } catch (error) {
      throw failAt([...at, 'when'], error);
    }
    if (!holds) {
      trace?.end('skipped', 'when: false');
      return;
    }
  }
  runtime.activity.step = { at, kind, name: step.name };
  runtime.activity.waitingFor = undefined;
  try {
    // The table pairs each kind with its executor; TypeScript cannot follow the pairing through `kind`.
    await (STEP_TABLE[kind].execute as StepExecutor<StepSpec>)(step, ctx);
    trace?.end('passed');
  } catch (error) {
    trace?.end(
      'failed',
      describeError(error instanceof StepFailedError ? (error.failures[0]?.message ?? error) : error),
    );
    if (error instanceof StepFailedError || runtime.run.signal.aborted) throw error;
    throw failAt(at, error);
  }
}

/** Runs steps in order; the first failure ends the list. */
export async function runSteps(
  steps: readonly StepSpec[],
  runtime: CaseRuntime,
  at: DataPath,
  index: number | undefined,
): Promise<void> {
  for (const [i, step] of steps.entries()) await runStep(step, runtime, [...at, i], index);
}
