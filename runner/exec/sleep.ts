import { setTimeout as delay } from 'node:timers/promises';

/** Waits `seconds`, or stops early with the run signal's reason when the run is cancelled. */
export async function sleepSeconds(seconds: number, signal?: AbortSignal): Promise<void> {
  if (!(seconds > 0)) return;
  try {
    await delay(seconds * 1000, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
