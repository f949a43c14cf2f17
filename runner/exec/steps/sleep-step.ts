import { renderValue } from '../../../language/eval/template.ts';
import type { SleepStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import { sleepSeconds } from '../sleep.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';

/** `sleep`: waits a number of seconds, possibly computed (`${settings.idle_timeout_seconds + 10}`). */
/** What a templated `sleep` counts as in the case's default deadline. */
const SLEEP_FALLBACK_SECONDS = 60;

export const sleepStep: StepKindEntry<SleepStep, 'sleep'> = {
  name: 'sleep',
  doc: 'Waits a number of seconds, possibly computed from settings or vars.',
  properties: {
    sleep: {
      description: 'Seconds to sleep: 0 to 86400 (one day), or a template yielding such a number.',
      $ref: '#/$defs/durationSeconds',
    },
  },
  observes: false,
  boundSeconds: (step, bounds) => bounds.number(step.sleep, SLEEP_FALLBACK_SECONDS),
  examples: [{ sleep: 2 }, { name: 'past the idle window', sleep: '${settings.idle_timeout_seconds + 10}' }],
  async execute(step, ctx) {
    const seconds = boundedNumberFrom(
      renderValue(step.sleep, ctx.scope()),
      'sleep',
      STEP_LIMITS.durationSeconds,
    );
    await sleepSeconds(seconds, ctx.runtime.run.signal);
  },
};
