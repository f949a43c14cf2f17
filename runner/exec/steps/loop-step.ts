import { renderValue } from '../../../language/eval/template.ts';
import type { LoopStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import { StepFailedError } from '../step-failure.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';

/** What a templated `loop.count` counts as in the case's default deadline. */
const LOOP_COUNT_FALLBACK = 100;

/** `loop`: the steps `count` times in sequence, `${index}` being the round; the first failure ends it. */
export const loopStep: StepKindEntry<LoopStep, 'loop'> = {
  name: 'loop',
  doc: 'Runs its steps `count` times in sequence, `${index}` being the round; the first failure ends it.',
  properties: { loop: { $ref: '#/$defs/loop' } },
  defs: {
    loop: {
      description: 'Runs the steps `count` times in sequence; ${index} is 0..count-1 inside.',
      type: 'object',
      additionalProperties: false,
      required: ['count', 'steps'],
      properties: {
        count: { description: 'How many rounds: 1 to 10000.', $ref: '#/$defs/loopCount' },
        steps: {
          description: 'The steps of one round.',
          type: 'array',
          minItems: 1,
          items: { $ref: '#/$defs/step' },
        },
      },
    },
  },
  observes: false,
  boundSeconds: (step, bounds) =>
    bounds.number(step.loop.count, LOOP_COUNT_FALLBACK) * bounds.steps(step.loop.steps),
  examples: [
    { loop: { count: 3, steps: [{ request: { path: '/api/echo', json: { message: 'round ${index}' } } }] } },
  ],
  async execute(step, ctx) {
    const count = boundedNumberFrom(
      renderValue(step.loop.count, ctx.scope()),
      'loop.count',
      STEP_LIMITS.loopCount,
    );
    for (let round = 0; round < count; round++) {
      try {
        await ctx.runSteps(step.loop.steps, [...ctx.at, 'loop', 'steps'], round);
      } catch (error) {
        if (error instanceof StepFailedError) throw error.within(`loop round index=${round} of ${count}`);
        throw error;
      }
    }
  },
};
