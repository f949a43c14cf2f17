import type { EnvironmentOutcome } from './run-results.ts';

/** Set to 1, `esb-e2e run` ends with one line saying where its wall time went (npm run bench reads it). */
export const TIME_SPLIT_VARIABLE = 'ESB_E2E_TIME_SPLIT';

/** Moments of a run, in milliseconds since its process started (performance.now()). */
export interface RunMoments {
  /** The run command began: node and the CLI are loaded. */
  readonly commandAt: number;
  /** The catalogue is loaded and validated (or read from its cache). */
  readonly loadedAt: number;
  /** The run is planned and its configuration checked. */
  readonly plannedAt: number;
  /** Reports written: the run is over. */
  readonly endedAt: number;
}

/** The run's wall time in consecutive parts, in milliseconds. */
export interface TimeSplit {
  readonly startUpMs: number;
  readonly loadMs: number;
  readonly planMs: number;
  /** Until the first case started: targets made ready, case processes started with their catalogue. */
  readonly preparationMs: number;
  /** From the first case's start to the last case's end. */
  readonly casesMs: number;
  /** From the last case's end: summary, report files, teardown. */
  readonly reportingMs: number;
}

/** The split of a run whose cases ran; undefined when none did (nothing to split at). */
export function timeSplit(
  moments: RunMoments,
  outcomes: readonly EnvironmentOutcome[],
): TimeSplit | undefined {
  // Cases carry wall-clock times; the moments count from the process's start.
  const origin = performance.timeOrigin;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const env of outcomes)
    for (const c of env.cases) {
      if (c.endedAt === 0) continue; // never ran
      firstStart = Math.min(firstStart, c.startedAt - (c.waitMs ?? 0) - origin);
      lastEnd = Math.max(lastEnd, c.endedAt - origin);
    }
  if (!Number.isFinite(firstStart)) return undefined;
  const clamp = (ms: number) => Math.max(0, ms);
  return {
    startUpMs: moments.commandAt,
    loadMs: clamp(moments.loadedAt - moments.commandAt),
    planMs: clamp(moments.plannedAt - moments.loadedAt),
    preparationMs: clamp(firstStart - moments.plannedAt),
    casesMs: clamp(lastEnd - Math.max(firstStart, moments.plannedAt)),
    reportingMs: clamp(moments.endedAt - Math.max(lastEnd, moments.plannedAt)),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `time: start-up 0.15 s, catalogue 0.04 s, plan 0.01 s, preparation 0.31 s, cases 0.52 s, reporting 0.02 s` */
export function timeSplitLine(split: TimeSplit): string {
  return `time: start-up ${seconds(split.startUpMs)}, catalogue ${seconds(split.loadMs)}, plan ${seconds(split.planMs)}, preparation ${seconds(split.preparationMs)}, cases ${seconds(split.casesMs)}, reporting ${seconds(split.reportingMs)}`;
}
