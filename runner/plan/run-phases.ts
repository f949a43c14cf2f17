import type { PlannedCase } from '../../language/model/catalogue.ts';

/**
 * Cases that take the whole platform (`resources.exclusive: [platform]`: a gateway or agent restart, a process
 * crash) reset state the other cases build on, such as pools, breakers and metrics counters. As in the original
 * suite, where the restart cases come last (contract §11), they run in a second phase after every other case
 * of the environment, instead of wherever the locks happen to let them in.
 */
export type RunPhase = 'main' | 'last';

export const RUN_PHASES: readonly RunPhase[] = ['main', 'last'];

export function phaseOf(c: PlannedCase): RunPhase {
  return c.execution.resources.exclusive.includes('platform') ? 'last' : 'main';
}

/** Parses a phase name; undefined for anything else. */
export function asPhase(text: string | undefined): RunPhase | undefined {
  return RUN_PHASES.find((p) => p === text);
}
