import type { DataPath } from './data-path.ts';
import type { StepSpec } from './steps.ts';

/** One step as a walk meets it: where it is, and how many parallel/loop blocks enclose it. */
export interface VisitedStep {
  readonly step: StepSpec;
  /** Path of the step relative to its case declaration, e.g. ['steps', 2, 'loop', 'steps', 0]. */
  readonly path: DataPath;
  readonly repeatDepth: number;
}

/** The nested step list of a parallel or loop step, with its key. */
export function nestedSteps(
  step: StepSpec,
): { key: 'parallel' | 'loop'; steps: readonly StepSpec[] } | undefined {
  if ('parallel' in step) return { key: 'parallel', steps: step.parallel.steps };
  if ('loop' in step) return { key: 'loop', steps: step.loop.steps };
  return undefined;
}

/**
 * Every step in document order, a parallel or loop step before the steps it holds. Execution order within one
 * copy or round is the same, so "declared earlier" in this order is "captured earlier" at run time.
 */
export function* walkSteps(
  steps: readonly StepSpec[],
  path: DataPath = ['steps'],
  repeatDepth = 0,
): Generator<VisitedStep> {
  for (const [index, step] of steps.entries()) {
    const here = [...path, index];
    yield { step, path: here, repeatDepth };
    const nested = nestedSteps(step);
    if (nested) yield* walkSteps(nested.steps, [...here, nested.key, 'steps'], repeatDepth + 1);
  }
}
