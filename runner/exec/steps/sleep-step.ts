import { renderValue } from '../../../language/eval/template.ts';
import type { SleepStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import { sleepSeconds } from '../sleep.ts';
import type { StepExecutor } from '../step-context.ts';

/** `sleep`: waits a number of seconds, possibly computed (`${settings.idle_timeout_seconds + 10}`). */
export const sleepStep: StepExecutor<SleepStep> = async (step, ctx) => {
  const seconds = boundedNumberFrom(
    renderValue(step.sleep, ctx.scope()),
    'sleep',
    STEP_LIMITS.durationSeconds,
  );
  await sleepSeconds(seconds, ctx.runtime.run.signal);
};
