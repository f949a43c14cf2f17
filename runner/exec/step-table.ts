import type { StepKind, StepSpec } from '../../language/model/steps.ts';
import type { StepExecutor } from './step-context.ts';
import { assertStep } from './steps/assert-step.ts';
import { hookStep } from './steps/hook-step.ts';
import { loopStep } from './steps/loop-step.ts';
import { parallelStep } from './steps/parallel-step.ts';
import { requestStep } from './steps/request-step.ts';
import { sleepStep } from './steps/sleep-step.ts';

type StepOf<K extends StepKind> = Extract<StepSpec, Record<K, unknown>>;

/** One executor per step kind; a new kind in STEP_KINDS fails to compile until it is registered here. */
export const STEP_TABLE: { readonly [K in StepKind]: StepExecutor<StepOf<K>> } = {
  request: requestStep,
  hook: hookStep,
  sleep: sleepStep,
  parallel: parallelStep,
  loop: loopStep,
  assert: assertStep,
};
