import { renderValue } from '../../../language/eval/template.ts';
import type { LoopStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import type { StepExecutor } from '../step-context.ts';
import { StepFailedError } from '../step-failure.ts';

/** `loop`: the steps `count` times in sequence, `${index}` being the round; the first failure ends it. */
export const loopStep: StepExecutor<LoopStep> = async (step, ctx) => {
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
};
