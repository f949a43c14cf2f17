import { checkAssertions } from '../../../assertions/check-assertions.ts';
import type { AssertStep } from '../../../language/model/steps.ts';
import type { StepExecutor } from '../step-context.ts';
import { StepFailedError } from '../step-failure.ts';

/** `assert`: assertions on values alone; there is no document, so subjects are `value:` templates. */
export const assertStep: StepExecutor<AssertStep> = async (step, ctx) => {
  const failures = checkAssertions(step.assert, { kind: 'document', body: null }, ctx.scope(), [
    ...ctx.at,
    'assert',
  ]);
  if (failures.length > 0)
    throw new StepFailedError({ at: ctx.at, kind: 'assert', name: step.name }, failures);
};
