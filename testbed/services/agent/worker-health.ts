/** How a wait for a new worker's `GET /health` ended. */
export type HealthOutcome = 'healthy' | 'exited' | 'timeout';

export interface HealthWaitOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** Asked between polls, so a worker that died is reported at once instead of after the whole timeout. */
  readonly stillRunning: () => Promise<boolean>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether one `GET` of the health URL answers 2xx within `timeoutMs`. */
async function answersHealthy(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls a worker's health URL until it answers 2xx, the worker exits, or the time is up. */
export async function waitForWorkerHealth(options: HealthWaitOptions): Promise<HealthOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return 'timeout';
    if (await answersHealthy(options.url, Math.min(left, 1000))) return 'healthy';
    if (!(await options.stillRunning())) return 'exited';
    await sleep(Math.min(options.intervalMs, Math.max(0, deadline - Date.now())));
  }
}
