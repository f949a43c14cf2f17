import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from '../exec/process-alive.ts';
import { makeDirectory } from '../files/make-directory.ts';

/** How often a waiting case looks for a free slot. */
const POLL_MS = 100;

/** Claims slot file `path` if it is free or held by a dead process; true when this process holds it now. */
function tryClaim(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let holder: number;
  try {
    holder = Number(readFileSync(path, 'utf8'));
  } catch {
    return false; // released between our two calls; the next round takes it
  }
  if (Number.isInteger(holder) && holder > 0 && !processAlive(holder)) {
    try {
      // Re-read right before removing, so a slot claimed afresh meanwhile is left alone. A race remains only
      // after a crash and costs at most one extra case at once, never a lost or shared result.
      if (Number(readFileSync(path, 'utf8')) === holder) unlinkSync(path);
    } catch {
      // another waiter removed it first
    }
  }
  return false;
}

/** Whether a live waiter of a higher priority than `priority` waits (waiter files: wait.<priority>.<pid>.<id>). */
function higherWaiting(slotDir: string, priority: number): boolean {
  for (const name of readdirSync(slotDir)) {
    const [kind, rank, pid] = name.split('.');
    if (kind !== 'wait' || Number(rank) <= priority) continue;
    if (processAlive(Number(pid))) return true;
    try {
      unlinkSync(join(slotDir, name));
    } catch {
      // another waiter removed it first
    }
  }
  return false;
}

/**
 * How many cases of an environment run at once, across its processes: slot files in the lock folder
 * (folderSlots), or the memory of the one process that uses the folder (process-slots.ts). Both serve a waiter
 * of a higher priority first and give up waiting with the signal's reason.
 */
export interface RunSlots {
  run<T>(work: () => Promise<T>, priority: number, signal: AbortSignal | undefined): Promise<T>;
}

/** `count` slots in the lock folder `dir`, which any number of processes may share. */
export function folderSlots(dir: string, count: number): RunSlots {
  return { run: (work, priority, signal) => withRunSlot(dir, count, signal, work, priority) };
}

/**
 * Runs `work` once one of `count` slots under `dir` is free. Slots are files, so the limit holds across
 * every node:test process of one environment: `count` cases at once, whatever the number of entry files
 * node runs in parallel. A waiter of a higher `priority` is served first (register-cases.ts: cases that keep
 * others from a resource start early, since the others queue behind them). Waiting ends early with the
 * signal's reason.
 */
export async function withRunSlot<T>(
  dir: string,
  count: number,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
  priority = 0,
): Promise<T> {
  const slotDir = join(dir, '.run-slots');
  makeDirectory(slotDir);
  const waiter = join(slotDir, `wait.${priority}.${process.pid}.${randomUUID().slice(0, 8)}`);
  writeFileSync(waiter, '');
  let held: string | undefined;
  try {
    // Cases that become ready together (a process's cases once its target check answers) reach here in the same
    // turn, in declaration order: one turn later each has written its waiter, so that the first free slots go
    // by priority rather than to whichever cases were declared first.
    await nextTurn();
    while (held === undefined) {
      signal?.throwIfAborted();
      if (!higherWaiting(slotDir, priority))
        for (let k = 0; k < count && held === undefined; k++) {
          const path = join(slotDir, `slot-${k}`);
          if (tryClaim(path)) held = path;
        }
      // An aborted sleep rejects with a generic AbortError; the loop's check rethrows the signal's own reason.
      if (held === undefined) await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    try {
      unlinkSync(waiter);
    } catch {
      // removed as stale by a process that thought us dead
    }
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(held);
    } catch {
      // already removed as stale by a process that thought us dead; nothing to release
    }
  }
}
