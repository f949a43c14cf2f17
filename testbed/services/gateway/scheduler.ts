import type { SCHEDULES } from '../../functions/function-catalog.ts';

type ScheduleJob = (typeof SCHEDULES)[number];

/**
 * Runs rate() jobs inside the gateway (contract §8). ESB's first fire is one interval after start; the testbed
 * also fires shortly after start (allowed by §15) so a case sees the item well within its 90 s window.
 */
export function startScheduler(
  jobs: readonly ScheduleJob[],
  run: (job: ScheduleJob) => Promise<void>,
  firstDelayMs = 2_000,
): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const fire = () => void run(job).catch(() => undefined);
    timers.push(setTimeout(fire, firstDelayMs));
    timers.push(setInterval(fire, job.rateSeconds * 1000));
  }
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
