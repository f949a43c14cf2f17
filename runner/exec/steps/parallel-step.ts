import { renderValue } from '../../../language/eval/template.ts';
import type { ParallelStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import { StepFailedError } from '../step-failure.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';

/**
 * `parallel`: `count` copies of every listed step, all started at once; `${index}` is the copy number. Without
 * `count` the listed steps run side by side once each and keep the enclosing index. Every copy runs to its end;
 * then the first failure (in copy order) is reported with how many copies failed.
 */
export const parallelStep: StepKindEntry<ParallelStep, 'parallel'> = {
  name: 'parallel',
  doc: 'Starts `count` copies of its steps at once, `${index}` being the copy; reports the first failure when all end.',
  properties: { parallel: { $ref: '#/$defs/parallel' } },
  defs: {
    parallel: {
      description: 'Runs `count` copies of every listed step at once; ${index} is 0..count-1 inside.',
      type: 'object',
      additionalProperties: false,
      required: ['steps'],
      properties: {
        count: { description: 'How many copies (default 1): 1 to 1000.', $ref: '#/$defs/parallelCount' },
        steps: {
          description: 'The steps each copy runs.',
          type: 'array',
          minItems: 1,
          items: { $ref: '#/$defs/step' },
        },
      },
    },
  },
  observes: false,
  // The copies run at once: as long as one of them.
  boundSeconds: (step, bounds) => bounds.steps(step.parallel.steps),
  examples: [
    {
      parallel: {
        count: 10,
        steps: [{ request: { path: '/api/echo', json: { message: 'copy ${index}' } } }],
      },
    },
  ],
  async execute(step, ctx) {
    const { count: countSpec, steps } = step.parallel;
    const count =
      countSpec === undefined
        ? undefined
        : boundedNumberFrom(renderValue(countSpec, ctx.scope()), 'parallel.count', STEP_LIMITS.parallelCount);
    const tasks: { label: string; run: Promise<void> }[] = [];
    for (let copy = 0; copy < (count ?? 1); copy++) {
      steps.forEach((nested, i) => {
        const index = count === undefined ? ctx.index : copy;
        const label = count === undefined ? `parallel step ${i + 1}` : `parallel copy index=${copy}`;
        tasks.push({ label, run: ctx.runStep(nested, [...ctx.at, 'parallel', 'steps', i], index) });
      });
    }
    const settled = await Promise.allSettled(tasks.map((t) => t.run));
    const failed = settled.flatMap((s, i) =>
      s.status === 'rejected' ? [{ reason: s.reason, task: tasks[i] }] : [],
    );
    const first = failed[0];
    if (first === undefined) return;
    if (ctx.runtime.run.signal.aborted) throw ctx.runtime.run.signal.reason;
    if (first.reason instanceof StepFailedError) {
      throw first.reason.within(`${first.task?.label}; ${failed.length} of ${tasks.length} failed`);
    }
    throw first.reason;
  },
};
