import { STEP_KINDS, type StepKind, type StepSpec } from '../../language/model/steps.ts';

/** The action key of a step (the schema guarantees exactly one). */
export function stepKind(step: StepSpec): StepKind {
  const kind = STEP_KINDS.find((k) => Object.hasOwn(step, k));
  if (kind === undefined) {
    throw new TypeError(
      `a step needs one of ${STEP_KINDS.join(', ')}; found keys ${Object.keys(step).join(', ')}`,
    );
  }
  return kind;
}
