import { renderValue } from '../../eval/template.ts';
import type { SleepStep } from '../../model/steps.ts';
import { numberFrom } from '../rendered-number.ts';
import { sleepSeconds } from '../sleep.ts';
import type { StepExecutor } from '../step-context.ts';

/** `sleep`: waits a number of seconds, possibly computed (`${settings.idle_timeout_seconds + 10}`). */
export const sleepStep: StepExecutor<SleepStep> = async (step, ctx) => {
  const seconds = numberFrom(renderValue(step.sleep, ctx.scope()), 'sleep');
  await sleepSeconds(seconds, ctx.runtime.run.signal);
};
