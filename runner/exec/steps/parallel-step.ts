import { renderValue } from '../../../language/eval/template.ts';
import type { ParallelStep } from '../../../language/model/steps.ts';
import { STEP_LIMITS } from '../../load/step-limits.ts';
import { boundedNumberFrom } from '../rendered-number.ts';
import type { StepExecutor } from '../step-context.ts';
import { StepFailedError } from '../step-failure.ts';

/**
 * `parallel`: `count` copies of every listed step, all started at once; `${index}` is the copy number. Without
 * `count` the listed steps run side by side once each and keep the enclosing index. Every copy runs to its end;
 * then the first failure (in copy order) is reported with how many copies failed.
 */
export const parallelStep: StepExecutor<ParallelStep> = async (step, ctx) => {
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
};
