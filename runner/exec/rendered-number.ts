/** A rendered template that must be a number (seconds, counts); names the key when it is not. */
export function numberFrom(value: unknown, key: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new TypeError(`${key} must be a number, but it rendered to ${JSON.stringify(value)}`);
  }
  return n;
}
