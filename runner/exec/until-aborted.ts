/**
 * The promise's outcome, or the signal's reason as soon as it is aborted (the promise runs on, its outcome
 * ignored). For work that may not honour a signal: a shared fixture other cases still wait on, a hook whose
 * library ignores its abort.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
