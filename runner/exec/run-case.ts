import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScope, withValues } from '../../language/eval/scope.ts';
import { renderValue } from '../../language/eval/template.ts';
import type { CaseTrace } from '../../language/model/case-trace.ts';
import type { EsbSelection } from '../../language/model/catalogue.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { CaseExecution } from '../../language/model/steps.ts';
import { escapeControls } from '../../language/text/control-characters.ts';
import { CaseDeadlineError, caseDeadline } from './case-deadline.ts';
import { conditionHolds } from './condition.ts';
import type { FixtureOutcome } from './fixtures.ts';
import { type FailureSite, formatCaseFailure, formatStepFailure } from './format-failure.ts';
import { hookScopeProblem } from './hook-scopes.ts';
import { waitForPlatform } from './platform-settle.ts';
import { acquireCaseLocks, PLATFORM_RESOURCE } from './resource-lock.ts';
import type { RunContext } from './run-context.ts';
import { runSteps } from './run-steps.ts';
import type { StepActivity } from './step-context.ts';
import { describeError, StepFailedError } from './step-failure.ts';
import { CaseTraceRecorder } from './trace-recorder.ts';

export interface CaseResult {
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why a case was skipped. */
  readonly reason?: string;
  /** The failure text (redacted), for a failed case. */
  readonly failure?: string;
  /** The case's own time: its wait for other cases left out. */
  readonly durationMs: number;
  /** How long it waited for other cases: their resource locks (`resources:`), then a run slot (ctx.runSlot). */
  readonly waitMs: number;
  /** What it did step by step, when the run records traces (ctx.trace). */
  readonly trace?: CaseTrace;
}

/** What runCase reads of a planned case (a PlannedCase provides it). */
export interface ExecutableCase {
  readonly id: string;
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly site: {
    readonly file: string;
    /** Data path of the declaration in its file, ['cases', index]. */
    readonly path: DataPath;
    locate(path: DataPath): { readonly line: number; readonly col: number; readonly span?: number };
  };
  readonly execution: CaseExecution;
  /** The ESB revision the case was loaded for: templates read it as esb, `since:` keys are judged by it. */
  readonly esb?: EsbSelection;
}

function failureSite(planned: ExecutableCase, ctx: RunContext): FailureSite {
  let source: string | undefined;
  try {
    source = readFileSync(join(ctx.projectRoot, planned.site.file), 'utf8');
  } catch {
    source = undefined; // the location is still printed, only without the quoted line
  }
  return {
    caseId: planned.id,
    caseName: planned.name,
    file: planned.site.file,
    source,
    locate: (path) => planned.site.locate(path),
  };
}

const NO_FIXTURE: FixtureOutcome = { kind: 'ready' };

/** The case's fixture; `none` at once, without a promise (a large run's simple cases have none). */
function fixtureFor(planned: ExecutableCase, ctx: RunContext): FixtureOutcome | Promise<FixtureOutcome> {
  switch (planned.execution.fixture) {
    case 'none':
      return NO_FIXTURE;
    case 'health':
      return ctx.fixtures.gatewayHealth(planned.site.file, ctx);
    case 'auth':
      return ctx.fixtures.authToken(planned.site.file, ctx);
  }
}

/** Where and how a case that ran past its deadline failed: at the step that was still running. */
function deadlineFailure(reason: unknown, activity: StepActivity, casePath: DataPath): [DataPath, string] {
  const passed = reason instanceof Error ? reason.message : String(reason);
  const step = activity.step;
  if (step === undefined) return [casePath, `${passed} before its first step started`];
  const title = `step ${step.name === undefined ? '' : `"${step.name}" `}(${step.kind})`;
  const waiting = activity.waitingFor === undefined ? '' : `, waiting for ${activity.waitingFor}`;
  return [step.at, `${passed} during ${title}${waiting}`];
}

/** What a case holds while it runs: its `resources:`, and the platform shared unless it takes it whole. */
function heldResources(exec: CaseExecution): CaseTrace['resources'] {
  const { exclusive, shared } = exec.resources;
  return {
    exclusive: [...exclusive],
    shared:
      exclusive.includes(PLATFORM_RESOURCE) || shared.includes(PLATFORM_RESOURCE)
        ? [...shared]
        : [PLATFORM_RESOURCE, ...shared],
  };
}

/**
 * Runs one case: skip_if, the hook scope check, the resource locks and a run slot, the fixture, vars in order, then
 * the steps; the locks are released whatever happens. Every text it returns has passed the run's redactor and has its
 * control characters escaped.
 */
export async function runCase(planned: ExecutableCase, ctx: RunContext): Promise<CaseResult> {
  const started = performance.now();
  // Reasons and failures quote what servers sent: shown with control characters escaped, so that no server
  // can move the cursor or start a line of its own (the newlines are the runner's). Failures were redacted
  // piece by piece as they were formatted; a reason is redacted whole.
  const inert = (text: string) => escapeControls(text, { keepNewlines: true });
  let waitMs = 0;
  let lockWaitMs = 0;
  const recorder =
    ctx.trace === true
      ? new CaseTraceRecorder(ctx.redactor, (path) => planned.site.locate(path), planned.site.path)
      : undefined;
  const result = (r: Omit<CaseResult, 'durationMs' | 'waitMs'>): CaseResult => ({
    ...r,
    ...(r.reason === undefined ? {} : { reason: inert(ctx.redactor.redact(r.reason)) }),
    ...(r.failure === undefined ? {} : { failure: inert(r.failure) }),
    durationMs: performance.now() - started - waitMs,
    waitMs,
    ...(recorder === undefined
      ? {}
      : { trace: recorder.trace(lockWaitMs, waitMs - lockWaitMs, heldResources(planned.execution)) }),
  });
  const exec = planned.execution;
  const casePath = planned.site.path;
  const failAt = (at: DataPath, message: string) =>
    result({
      status: 'failed',
      failure: formatCaseFailure(failureSite(planned, ctx), at, message, ctx.redactor),
    });
  const values = {
    matrix: planned.params,
    env: ctx.env,
    settings: ctx.settings,
    vars: {},
    caseStart: new Date(),
    ...(planned.esb === undefined ? {} : { esb: planned.esb }),
  };

  try {
    const plainScope = createScope(values);
    for (const [i, condition] of exec.skip_if.entries()) {
      let holds: boolean;
      try {
        holds = conditionHolds(condition.when, plainScope);
      } catch (error) {
        return failAt(
          [...casePath, 'skip_if', i, 'when'],
          `skip_if could not be evaluated: ${describeError(error)}`,
        );
      }
      if (holds) return result({ status: 'skipped', reason: condition.reason });
    }
    const blocked = hookScopeProblem(exec.steps, ctx.hooks, ctx.allowedHookScopes);
    if (blocked !== undefined) return result({ status: 'skipped', reason: blocked });

    const waiting = performance.now();
    let entered = false;
    const taking = acquireCaseLocks(ctx.locks, exec.resources, ctx.signal);
    const locks = taking instanceof Promise ? await taking : taking;
    lockWaitMs = performance.now() - waiting;
    try {
      const inSlot = ctx.runSlot ?? (<T>(work: () => Promise<T>) => work());
      return await inSlot(async () => {
        waitMs = performance.now() - waiting;
        entered = true;
        // In the slot: a health check and a login are load on the platform like any step, and a case that
        // should start first (a slot priority) is not held back behind other cases' logins.
        const pendingFixture = fixtureFor(planned, ctx);
        const fixture = pendingFixture instanceof Promise ? await pendingFixture : pendingFixture;
        if (fixture.kind === 'skip') return result({ status: 'skipped', reason: fixture.reason });
        if (fixture.kind === 'fail') return failAt([...casePath, 'fixture'], fixture.message);
        const token = fixture.token;
        // The deadline runs from here: waiting for other cases' locks or a run slot is not the case's own time.
        const deadline = caseDeadline(exec);
        // The case's own signal: the run's cancellation or its deadline, whichever comes first. A controller and
        // one listener, not AbortSignal.any, whose weak bookkeeping costs more than a simple case's checks.
        const caseStop = new AbortController();
        const onRunAborted = () => caseStop.abort(ctx.signal.reason);
        if (ctx.signal.aborted) onRunAborted();
        else ctx.signal.addEventListener('abort', onRunAborted, { once: true });
        let deadlinePassed: CaseDeadlineError | undefined;
        const handle = setTimeout(() => {
          deadlinePassed = new CaseDeadlineError(deadline);
          caseStop.abort(deadlinePassed);
        }, deadline.seconds * 1000);
        const run: RunContext = { ...ctx, signal: caseStop.signal };
        const activity: StepActivity = {};
        try {
          const baseScope = createScope({ ...values, ...(token === undefined ? {} : { auth: { token } }) });
          const vars: Record<string, unknown> = {};
          for (const [name, template] of Object.entries(exec.vars)) {
            try {
              vars[name] = renderValue(template, withValues(baseScope, { vars: { ...vars } }));
            } catch (error) {
              return failAt([...casePath, 'vars', name], `vars.${name}: ${describeError(error)}`);
            }
          }
          await runSteps(
            exec.steps,
            { run, baseScope, vars, token, activity, ...(recorder === undefined ? {} : { trace: recorder }) },
            [...casePath, 'steps'],
            undefined,
          );
          return result({ status: 'passed' });
        } catch (error) {
          // Past the deadline, whatever the step made of the abort: say which step was waiting, and on what.
          if (deadlinePassed !== undefined && !ctx.signal.aborted)
            return failAt(...deadlineFailure(deadlinePassed, activity, casePath));
          throw error;
        } finally {
          clearTimeout(handle);
          ctx.signal.removeEventListener('abort', onRunAborted);
        }
      });
    } finally {
      // Only a case that ran its steps with the platform to itself can have left it restarting.
      if (entered && exec.resources.exclusive.includes(PLATFORM_RESOURCE) && !ctx.signal.aborted)
        await waitForPlatform(ctx).catch(() => undefined);
      locks.release();
    }
  } catch (error) {
    if (error instanceof StepFailedError) {
      return result({
        status: 'failed',
        failure: formatStepFailure(failureSite(planned, ctx), error, ctx.redactor),
      });
    }
    if (ctx.signal.aborted) {
      return failAt(
        casePath,
        `the run was cancelled before the case ended (${describeError(ctx.signal.reason)})`,
      );
    }
    return failAt(casePath, `the runner failed: ${describeError(error)}`);
  }
}
