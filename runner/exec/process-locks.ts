import type { HeldLock, LockMode, LockTable } from './resource-lock.ts';

/** One name's holders and waiters. */
interface NameState {
  shared: number;
  exclusive: boolean;
  /** Exclusive requests not yet granted: shared requests wait behind them (writer priority). */
  exclusiveWaiting: number;
  /** Wakes every waiter of the name to look again; set when anything about the name changed. */
  readonly wake: Set<() => void>;
}

/**
 * The named locks of a run whose lock folder one process uses alone (`esb-e2e run` gives each phase of an
 * environment one process: ESB_E2E_LOCK_SCOPE=process), kept in memory: the same grants as the lock files of
 * resource-lock.ts without a file per case, which at thousands of cases cost more than the cases themselves.
 */
export function processLocks(): LockTable {
  const names = new Map<string, NameState>();
  const stateOf = (name: string): NameState => {
    let state = names.get(name);
    if (state === undefined) {
      state = { shared: 0, exclusive: false, exclusiveWaiting: 0, wake: new Set() };
      names.set(name, state);
    }
    return state;
  };
  const changed = (state: NameState) => {
    const waiters = [...state.wake];
    state.wake.clear();
    for (const wake of waiters) wake();
  };
  const free = (state: NameState, mode: LockMode) =>
    mode === 'shared'
      ? !state.exclusive && state.exclusiveWaiting === 0
      : !state.exclusive && state.shared === 0;
  const nextChange = (state: NameState, signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        state.wake.delete(wake);
        reject(signal?.reason);
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      state.wake.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  const take = (name: string, mode: LockMode, state: NameState): HeldLock => {
    if (mode === 'shared') state.shared++;
    else state.exclusive = true;
    let held = true;
    return {
      name,
      mode,
      release: () => {
        if (!held) return;
        held = false;
        if (mode === 'shared') state.shared--;
        else state.exclusive = false;
        changed(state);
      },
    };
  };
  return {
    async acquire(name: string, mode: LockMode, signal?: AbortSignal): Promise<HeldLock> {
      signal?.throwIfAborted();
      const state = stateOf(name);
      if (mode === 'exclusive') state.exclusiveWaiting++;
      try {
        while (!free(state, mode)) await nextChange(state, signal);
      } finally {
        if (mode === 'exclusive') {
          state.exclusiveWaiting--;
          // A withdrawn exclusive request may be all that held shared requests back.
          changed(state);
        }
      }
      return take(name, mode, state);
    },
    tryAcquire(name: string, mode: LockMode): HeldLock | undefined {
      const state = stateOf(name);
      // An exclusive request that waits comes first: a free exclusive lock is only free with nobody waiting.
      if (!free(state, mode) || (mode === 'exclusive' && state.exclusiveWaiting > 0)) return undefined;
      return take(name, mode, state);
    },
  };
}
