import { checkAssertions } from '../../../assertions/check-assertions.ts';
import type { AssertStep } from '../../../language/model/steps.ts';
import { StepFailedError } from '../step-failure.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';

/** `assert`: assertions on values alone; there is no document, so subjects are `value:` templates. */
export const assertStep: StepKindEntry<AssertStep, 'assert'> = {
  name: 'assert',
  doc: 'Checks assertions on values alone (`value:` templates), e.g. a captured token or a computed count.',
  properties: {
    assert: {
      description: "Assertions on values alone, e.g. { value: '${auth.token}', length: { gt: 0 } }.",
      $ref: '#/$defs/assertionList',
    },
  },
  observes: false,
  // Checks what is already there: no waiting.
  boundSeconds: () => 0,
  examples: [{ name: 'a token was issued', assert: [{ value: '${auth.token}', length: { gt: 0 } }] }],
  async execute(step, ctx) {
    const failures = checkAssertions(step.assert, { kind: 'document', body: null }, ctx.scope(), [
      ...ctx.at,
      'assert',
    ]);
    if (failures.length > 0)
      throw new StepFailedError({ at: ctx.at, kind: 'assert', name: step.name }, failures);
  },
};
