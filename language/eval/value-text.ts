/** A value as text, as templates insert it and `str()` returns it: strings unchanged, everything else as JSON. */
export function valueAsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}
