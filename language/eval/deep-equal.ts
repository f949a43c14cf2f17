/**
 * Deep, type-strict equality of JSON values: `true` is not `1`, `null` is not a missing value, key order does not
 * matter, array order does. With `ignoreCase`, strings (not object keys) compare case-insensitively.
 */
export function deepEqual(a: unknown, b: unknown, ignoreCase = false): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
  }
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], ignoreCase));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord);
  if (aKeys.length !== Object.keys(bRecord).length) return false;
  return aKeys.every(
    (key) => Object.hasOwn(bRecord, key) && deepEqual(aRecord[key], bRecord[key], ignoreCase),
  );
}
