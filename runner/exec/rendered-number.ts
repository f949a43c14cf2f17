import { type NumberLimit, outsideLimit } from '../load/step-limits.ts';

/** A rendered template that must be a number (seconds, counts); names the key when it is not. */
export function numberFrom(value: unknown, key: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new TypeError(`${key} must be a number, but it rendered to ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * A rendered number that must also lie within the limit the schema sets for literal values: a template cannot
 * be range-checked when the catalogue loads, so the same range is checked when the step runs. The error names
 * the key; the step runner adds the step's place in the catalogue.
 */
export function boundedNumberFrom(value: unknown, key: string, limit: NumberLimit): number {
  const n = numberFrom(value, key);
  const problem = outsideLimit(n, limit);
  if (problem !== undefined) {
    throw new RangeError(`${key} rendered to ${n}; ${problem} (docs/catalogue-steps.md, Limits)`);
  }
  return n;
}
