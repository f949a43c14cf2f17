import { STEP_LIMITS } from '../step-limits.ts';
import { asMapping, type CaseNodeCheck, SPEC } from './case-node-check.ts';

/**
 * Requests one step can have in flight at once: a `parallel` starts `count` copies of each listed step together,
 * a `loop` runs its rounds one after another, anything else is one. A count written as a template is unknown
 * here (the runner bounds it alone when it renders) and counts as 1.
 */
function inFlight(step: unknown): number {
  const mapping = asMapping(step);
  const parallel = asMapping(mapping?.parallel);
  if (parallel !== undefined) {
    const count = typeof parallel.count === 'number' ? parallel.count : 1;
    const inner = Array.isArray(parallel.steps) ? parallel.steps : [];
    return count * inner.reduce((sum: number, s) => sum + inFlight(s), 0);
  }
  const loop = asMapping(mapping?.loop);
  if (loop !== undefined) {
    const inner = Array.isArray(loop.steps) ? loop.steps : [];
    return inner.reduce((most: number, s) => Math.max(most, inFlight(s)), 0);
  }
  return 1;
}

/**
 * `parallel.count` is bounded on its own, but nested `parallel` steps multiply: 1000 copies of a parallel of 1000
 * would start a million requests at once. The outermost `parallel` of a nest answers for the whole fan-out, with
 * the same limit as one count.
 */
export const parallelFanOut: CaseNodeCheck = (value, path) => {
  const parallel = asMapping(asMapping(value)?.parallel);
  if (parallel === undefined || path.includes('parallel')) return [];
  const total = inFlight(value);
  const limit = STEP_LIMITS.parallelCount.max;
  if (total <= limit) return [];
  return [
    {
      path: [...path, 'parallel'],
      code: 'parallel-fan-out',
      message: `this parallel step starts ${total} steps at once with the parallel steps nested in it; at most ${limit} may be in flight`,
      fix: `lower the counts so that their product times the steps listed stays at most ${limit}, or run the outer copies in a loop (${SPEC}, Limits)`,
      atKey: true,
    },
  ];
};
