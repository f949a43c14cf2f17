/**
 * `json.dumps(value)` with Python's defaults: `", "` and `": "` separators and ensure_ascii (every character
 * outside printable ASCII as `\uXXXX`). Callers of the Invoke API see the body string as it is, e.g. the
 * lambda-echo child `"{\"success\": true, …}"` (contract §4.2).
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value); // NaN, Infinity as Python writes them
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
      .join(', ')}}`;
  return 'null';
}
