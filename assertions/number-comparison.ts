import { describeTyped } from './describe-value.ts';

export type ComparisonKey = 'equals' | 'gt' | 'gte' | 'lt' | 'lte';

const SYMBOLS: Readonly<Record<ComparisonKey, string>> = {
  equals: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

function holds(key: ComparisonKey, actual: number, bound: number): boolean {
  switch (key) {
    case 'equals':
      return actual === bound;
    case 'gt':
      return actual > bound;
    case 'gte':
      return actual >= bound;
    case 'lt':
      return actual < bound;
    case 'lte':
      return actual <= bound;
  }
}

/** gt/gte/lt/lte on one value: both sides must be numbers. */
export function compareNumber(key: ComparisonKey, actual: unknown, bound: unknown): string | undefined {
  if (typeof bound !== 'number') return `the operand of ${key} must be a number, got ${describeTyped(bound)}`;
  const wanted = `a number ${SYMBOLS[key]} ${bound}`;
  if (typeof actual !== 'number') return `expected ${wanted}, got ${describeTyped(actual)}`;
  return holds(key, actual, bound) ? undefined : `expected ${wanted}, got ${actual}`;
}

/**
 * `length`/`count` operands: a number (equality) or `{equals, gt, gte, lt, lte}`, every given bound holding.
 * `what` names the measured quantity in the message ("length", "count").
 */
export function checkBounds(what: string, actual: number, spec: unknown): string | undefined {
  const bounds: [ComparisonKey, unknown][] =
    spec !== null && typeof spec === 'object' && !Array.isArray(spec)
      ? Object.entries(spec).map(([key, bound]) => [key as ComparisonKey, bound])
      : [['equals', spec]];
  if (bounds.length === 0) return `${what} needs a number or bounds such as {gte: 1}`;
  for (const [key, bound] of bounds) {
    if (!(key in SYMBOLS)) return `${what} bounds are equals, gt, gte, lt, lte; got '${key}'`;
    if (typeof bound !== 'number')
      return `the ${what} bound ${key} must be a number, got ${describeTyped(bound)}`;
  }
  const wanted = bounds.map(([key, bound]) => `${SYMBOLS[key]} ${bound as number}`).join(' and ');
  const ok = bounds.every(([key, bound]) => holds(key, actual, bound as number));
  return ok ? undefined : `expected ${what} ${wanted}, got ${actual}`;
}
