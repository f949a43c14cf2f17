/**
 * Starts `run(key)` for every key, at most `limit` at a time, in key order; each result can be awaited on its
 * own as soon as it ends. Rejections are left to whoever awaits the key's promise.
 */
export function runBounded<K, V>(
  keys: readonly K[],
  limit: number,
  run: (key: K) => Promise<V>,
): Map<K, Promise<V>> {
  const runs = new Map<K, Promise<V>>();
  const waiting: (() => void)[] = [];
  let active = 0;
  const slot = () =>
    new Promise<void>((resolve) => {
      if (active < limit) {
        active += 1;
        resolve();
      } else waiting.push(resolve);
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  for (const key of keys) {
    const result = slot().then(() => run(key).finally(release));
    // A rejection is reported where the key's promise is awaited; this keeps it from also surfacing as unhandled.
    result.catch(() => undefined);
    runs.set(key, result);
  }
  return runs;
}
