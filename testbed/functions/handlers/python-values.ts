/**
 * Python value semantics the Python fixtures rely on, over JSON values: `dict.get`, truthiness and `str()`,
 * so defaults and messages come out as ESB's fixtures produce them.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `d.get(key, fallback)`: the fallback only when the key is absent (a present null or "" is kept). */
export function dictGet(object: JsonObject, key: string, fallback: unknown = null): unknown {
  return Object.hasOwn(object, key) ? object[key] : fallback;
}

/** Python truthiness: false, None, 0, "", [] and {} are false. */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** `repr()` of a JSON value. */
export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
    return `${quote}${quote === "'" ? escaped.replaceAll("'", "\\'") : escaped}${quote}`;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isJsonObject(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
      .join(', ')}}`;
  return pythonStr(value);
}

/** `str()` of a JSON value, as an f-string interpolates it. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  return pythonRepr(value);
}

/** `type(x).__name__` of a JSON value. */
function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (isJsonObject(value)) return 'dict';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value;
}

/** `int()` of a JSON value: a number truncated, a bool, a decimal string; otherwise the error Python raises. */
export function pythonInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string') {
    if (/^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number(value.trim().replaceAll('_', ''));
    throw new Error(`invalid literal for int() with base 10: ${pythonRepr(value)}`);
  }
  throw new Error(
    `int() argument must be a string, a bytes-like object or a real number, not '${pythonTypeName(value)}'`,
  );
}
