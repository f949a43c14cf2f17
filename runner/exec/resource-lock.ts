import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Resources } from '../../language/model/steps.ts';
import { makeDirectory } from '../files/make-directory.ts';
import { processAlive } from './process-alive.ts';
import { sleepSeconds } from './sleep.ts';

/**
 * Named shared/exclusive locks that hold across the processes of one run, kept as files:
 *
 *   <lockDir>/<resource>/S.<pid>.<id>   a shared holder
 *   <lockDir>/<resource>/X.<pid>.<id>   the exclusive holder
 *   <lockDir>/<resource>/W.<pid>.<id>   an exclusive request waiting; new shared holders wait behind it
 *   <lockDir>/<resource>/mutex          held for the few milliseconds of one check-and-create
 *
 * Entries of dead processes are stale and removed, so a killed worker never blocks the run.
 */

export type LockMode = 'shared' | 'exclusive';

/** Every case holds this shared; a case declaring it exclusive runs alone. */
export const PLATFORM_RESOURCE = 'platform';

const POLL_SECONDS = 0.05;
/** A mutex file older than this is left over from a crash inside the check-and-create (which takes milliseconds). */
const MUTEX_STALE_MS = 10_000;

const pidOf = (entry: string): number => Number(entry.split('.')[1]);

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function tryMutex(dir: string): boolean {
  const path = join(dir, 'mutex');
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    const owner = Number(readFileSync(path, 'utf8'));
    const old = Date.now() - statSync(path).mtimeMs > MUTEX_STALE_MS;
    if ((owner > 0 && !processAlive(owner)) || old) unlinkQuietly(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return false;
}

/** Runs `fn` while holding the resource's mutex; waits (briefly) for it. */
async function underMutex<T>(dir: string, fn: () => T, signal?: AbortSignal): Promise<T> {
  while (!tryMutex(dir)) await sleepSeconds(0.005 + Math.random() * 0.01, signal);
  try {
    return fn();
  } finally {
    unlinkQuietly(join(dir, 'mutex'));
  }
}

/** Lists the holder and waiter entries, removing those of dead processes. */
function liveEntries(dir: string): string[] {
  const live: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (!/^[SXW]\.\d+\./.test(entry)) continue;
    if (processAlive(pidOf(entry))) live.push(entry);
    else unlinkQuietly(join(dir, entry));
  }
  return live;
}

/** A held lock; release is idempotent. */
export interface HeldLock {
  readonly name: string;
  readonly mode: LockMode;
  release(): void;
}

/**
 * Where a run's named locks are kept: files in a folder every process of the run shares (folderLocks), or the
 * memory of the one process that uses the folder (process-locks.ts). Both grant the same way: shared holders
 * together, an exclusive one alone, a waiting exclusive request before later shared ones.
 */
export interface LockTable {
  acquire(name: string, mode: LockMode, signal?: AbortSignal): Promise<HeldLock>;
  /** The lock at once if it is free, without waiting; undefined when it is not (or the table cannot tell). */
  tryAcquire?(name: string, mode: LockMode): HeldLock | undefined;
}

/** The locks of the lock folder `lockDir`, which any number of processes may share. */
export function folderLocks(lockDir: string): LockTable {
  return { acquire: (name, mode, signal) => acquireLock(lockDir, name, mode, signal) };
}

/**
 * Takes one named lock. Shared waits while an exclusive holder or waiter exists (writer priority); exclusive
 * waits until nobody holds the name. Cancelling the signal withdraws the request.
 */
export async function acquireLock(
  lockDir: string,
  name: string,
  mode: LockMode,
  signal?: AbortSignal,
): Promise<HeldLock> {
  const dir = join(lockDir, encodeURIComponent(name));
  makeDirectory(dir);
  const id = `${process.pid}.${randomUUID().slice(0, 8)}`;
  const waiter = join(dir, `W.${id}`);
  const create = (path: string) => closeSync(openSync(path, 'wx'));
  if (mode === 'exclusive') await underMutex(dir, () => create(waiter), signal);
  try {
    for (;;) {
      const granted = await underMutex(
        dir,
        () => {
          const entries = liveEntries(dir);
          const has = (kind: string) => entries.some((e) => e.startsWith(`${kind}.`) && !e.endsWith(id));
          if (mode === 'shared' ? has('X') || has('W') : has('X') || has('S')) return false;
          create(join(dir, `${mode === 'shared' ? 'S' : 'X'}.${id}`));
          return true;
        },
        signal,
      );
      if (granted) break;
      await sleepSeconds(POLL_SECONDS, signal);
    }
  } finally {
    if (mode === 'exclusive') unlinkQuietly(waiter);
  }
  const holder = join(dir, `${mode === 'shared' ? 'S' : 'X'}.${id}`);
  return { name, mode, release: () => unlinkQuietly(holder) };
}

/** The locks a case takes: `platform` shared, then its declared resources, exclusive winning over shared. */
export function caseLockModes(resources: Resources): Map<string, LockMode> {
  const modes = new Map<string, LockMode>([[PLATFORM_RESOURCE, 'shared']]);
  for (const name of resources.shared ?? []) if (!modes.has(name)) modes.set(name, 'shared');
  for (const name of resources.exclusive ?? []) modes.set(name, 'exclusive');
  return modes;
}

/** A set of held locks released together. */
export interface HeldLocks {
  release(): void;
}

/**
 * Takes every lock of a case in name order (so no two cases can wait on each other in a cycle). When the table
 * grants them all at once (tryAcquire: the locks of one process, free), they come without waiting for a turn:
 * most cases of a large run hold only `platform` shared, and a promise per lock was a noticeable part of them.
 */
export function acquireCaseLocks(
  locks: LockTable,
  resources: Resources,
  signal?: AbortSignal,
): HeldLocks | Promise<HeldLocks> {
  const held: HeldLock[] = [];
  const release = () => {
    for (const lock of held.reverse()) lock.release();
    held.length = 0;
  };
  const modes = [...caseLockModes(resources)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let next = 0;
  if (locks.tryAcquire !== undefined && signal?.aborted !== true)
    for (; next < modes.length; next++) {
      const [name, mode] = modes[next] as [string, LockMode];
      const lock = locks.tryAcquire(name, mode);
      if (lock === undefined) break;
      held.push(lock);
    }
  if (next === modes.length) return { release };
  return (async () => {
    try {
      for (const [name, mode] of modes.slice(next)) held.push(await locks.acquire(name, mode, signal));
    } catch (error) {
      release();
      throw error;
    }
    return { release };
  })();
}
