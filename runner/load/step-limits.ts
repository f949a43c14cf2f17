import { readFileSync } from 'node:fs';
import { schemaPath } from './schema-check.ts';

/** A range a number of the step format must lie in, as schema/catalog-file.schema.json states it. */
export interface NumberLimit {
  readonly min: number;
  /** Whether `min` itself is outside the range (timeouts: more than 0). */
  readonly minExclusive: boolean;
  readonly max: number;
  readonly integer: boolean;
  /** The range in words, e.g. "a whole number from 1 to 100". */
  readonly words: string;
}

interface NumberSchema {
  type: 'number' | 'integer';
  minimum?: number;
  exclusiveMinimum?: number;
  maximum: number;
}

/**
 * The limit of a bounded-number definition of the schema: its first branch is the literal number. The schema is
 * the one place the limits are written: editors and the loader read it, and the runner applies the same numbers to
 * values that templates yield at run time.
 */
function limitOf(definitions: Record<string, { anyOf: NumberSchema[] }>, name: string): NumberLimit {
  const literal = definitions[name]?.anyOf[0];
  if (literal === undefined) throw new Error(`schema/catalog-file.schema.json lacks $defs.${name}`);
  const integer = literal.type === 'integer';
  const minExclusive = literal.exclusiveMinimum !== undefined;
  const min = literal.exclusiveMinimum ?? literal.minimum ?? 0;
  const kind = integer ? 'a whole number' : 'a number';
  const words = minExclusive
    ? `${kind} more than ${min} and at most ${literal.maximum}`
    : `${kind} from ${min} to ${literal.maximum}`;
  return { min, minExclusive, max: literal.maximum, integer, words };
}

const definitions = (JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')) as { $defs: never }).$defs;

/** The ranges of seconds, attempts and counts (docs/catalogue-steps.md, Limits). */
export const STEP_LIMITS = {
  /** sleep, retry.interval, poll.interval. */
  durationSeconds: limitOf(definitions, 'durationSeconds'),
  /** request.timeout, poll.timeout, expect.latency_under. */
  timeoutSeconds: limitOf(definitions, 'timeoutSeconds'),
  retryAttempts: limitOf(definitions, 'retryAttempts'),
  pollAttempts: limitOf(definitions, 'pollAttempts'),
  parallelCount: limitOf(definitions, 'parallelCount'),
  loopCount: limitOf(definitions, 'loopCount'),
} as const;

/** Why a number lies outside a limit, or undefined when it lies inside. */
export function outsideLimit(value: number, limit: NumberLimit): string | undefined {
  const below = limit.minExclusive ? value <= limit.min : value < limit.min;
  if (below || value > limit.max || (limit.integer && !Number.isInteger(value))) {
    return `it must be ${limit.words}`;
  }
  return undefined;
}
