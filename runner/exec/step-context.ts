import type { DataPath } from '../../language/model/data-path.ts';
import type { TemplateScope } from '../../language/model/observation.ts';
import type { StepKind, StepSpec } from '../../language/model/steps.ts';
import type { RunContext } from './run-context.ts';
import type { CaseTraceRecorder, StepRecorder } from './trace-recorder.ts';

/** What the steps of one case share: the run, the case's base scope and its vars (captures write to them). */
export interface CaseRuntime {
  readonly run: RunContext;
  /** Scope with matrix, env, settings, auth and case start; vars and index are layered per step. */
  readonly baseScope: TemplateScope;
  readonly vars: Record<string, unknown>;
  /** The login token, when the case's fixture logged in. */
  readonly token: string | undefined;
  /**
   * The step that started last and what it waits on, kept up to date as the steps run: when the case's deadline
   * passes, the failure names it.
   */
  readonly activity: StepActivity;
  /** The case's trace, when the run records one (an HTML or JSON report). */
  readonly trace?: CaseTraceRecorder;
}

export interface StepActivity {
  step?: { readonly at: DataPath; readonly kind: StepKind; readonly name: string | undefined };
  /** What the step waits on right now, e.g. `GET https://…/api/echo`. */
  waitingFor?: string;
}

/** What one step executor receives. */
export interface StepContext {
  readonly runtime: CaseRuntime;
  /** Absolute data path of the step in its catalogue file, e.g. ['cases', 2, 'steps', 0]. */
  readonly at: DataPath;
  /** `${index}` of the enclosing loop round or parallel copy. */
  readonly index: number | undefined;
  /** This step's trace, when the case records one. */
  readonly trace: StepRecorder | undefined;
  /** The scope as of now: the case's vars (with every capture so far) and the index. */
  scope(): TemplateScope;
  /** Runs nested steps in sequence (loop rounds, parallel copies). */
  runSteps(steps: readonly StepSpec[], at: DataPath, index: number | undefined): Promise<void>;
  /** Runs one nested step. */
  runStep(step: StepSpec, at: DataPath, index: number | undefined): Promise<void>;
}

export type StepExecutor<S extends StepSpec> = (step: S, ctx: StepContext) => Promise<void>;
