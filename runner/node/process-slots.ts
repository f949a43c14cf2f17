import type { RunSlots } from './run-slots.ts';

/**
 * `count` run slots kept in the memory of the one process that uses the run's lock folder (`esb-e2e run`:
 * ESB_E2E_LOCK_SCOPE=process), granted as the slot files of run-slots.ts are: a higher priority first, then in
 * the order of asking. Cases that ask in the same turn (a process's cases once its target check answers) are
 * granted together one turn later, so that a case with priority declared after them still starts first.
 */
export function processSlots(count: number): RunSlots {
  let free = count;
  // Per priority, the waiters in the order they asked (a Set: withdrawing one is O(1)).
  const waiting = new Map<number, Set<() => void>>();
  let granting = false;
  const nextWaiter = (): (() => void) | undefined => {
    const priorities = [...waiting.keys()].sort((a, b) => b - a);
    for (const priority of priorities) {
      const queue = waiting.get(priority);
      const first = queue?.values().next();
      if (queue !== undefined && first !== undefined && first.done !== true) {
        queue.delete(first.value);
        return first.value;
      }
    }
    return undefined;
  };
  const grantFree = () => {
    granting = false;
    for (let grant = free > 0 ? nextWaiter() : undefined; grant !== undefined; ) {
      free--;
      grant();
      grant = free > 0 ? nextWaiter() : undefined;
    }
  };
  const grantSoon = () => {
    if (granting) return;
    granting = true;
    setImmediate(grantFree);
  };
  return {
    async run<T>(work: () => Promise<T>, priority: number, signal: AbortSignal | undefined): Promise<T> {
      signal?.throwIfAborted();
      let queue = waiting.get(priority);
      if (queue === undefined) {
        queue = new Set();
        waiting.set(priority, queue);
      }
      const ownQueue = queue;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          ownQueue.delete(grant);
          reject(signal?.reason);
        };
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        ownQueue.add(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
        grantSoon();
      });
      try {
        return await work();
      } finally {
        free++;
        grantSoon();
      }
    },
  };
}
