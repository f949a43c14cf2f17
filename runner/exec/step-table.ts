import type { StepKind, StepSpec } from '../../language/model/steps.ts';
import type { StepKindEntry } from './step-kind-entry.ts';
import { assertStep } from './steps/assert-step.ts';
import { hookStep } from './steps/hook-step.ts';
import { loopStep } from './steps/loop-step.ts';
import { parallelStep } from './steps/parallel-step.ts';
import { requestStep } from './steps/request-step.ts';
import { sleepStep } from './steps/sleep-step.ts';

type StepOf<K extends StepKind> = Extract<StepSpec, Record<K, unknown>>;

/**
 * Every step kind, in the order the schema and the docs list them; a kind named in STEP_KINDS
 * (language/model/steps.ts) fails to compile until it is registered here.
 */
export const STEP_TABLE: { readonly [K in StepKind]: StepKindEntry<StepOf<K>, K> } = {
  request: requestStep,
  hook: hookStep,
  sleep: sleepStep,
  parallel: parallelStep,
  loop: loopStep,
  assert: assertStep,
};

/** The entries in table order, for the schema, the docs and the tests. */
export const STEP_KIND_LIST: readonly StepKindEntry<StepSpec>[] = Object.values(
  STEP_TABLE,
) as StepKindEntry<StepSpec>[];
