import type { DataPath } from '../../language/model/data-path.ts';

/** The value at `path` inside parsed data, or undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
