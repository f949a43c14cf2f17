import { get } from 'node:http';

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

/**
 * Whether one `GET` of the health URL answers 2xx within `timeoutMs`. Plain node:http, not fetch: a start polls
 * every 20 ms, and each refused fetch builds an AbortSignal, a DOMException and a stack trace, which made the
 * polling the agent's largest CPU cost in a busy stack.
 */
function answersHealthy(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      response.once('end', () => resolve(status >= 200 && status <= 299));
      response.once('error', () => resolve(false));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
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
