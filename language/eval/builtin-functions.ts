import { valueAsText } from './value-text.ts';

/** A built-in function of expressions; throws an Error whose message names the problem (the caller adds where). */
export type BuiltinFunction = (args: readonly unknown[]) => unknown;

function numbers(name: string, args: readonly unknown[], arity?: number): number[] {
  if (arity !== undefined && args.length !== arity) {
    throw new Error(`${name}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`);
  }
  if (args.length === 0) throw new Error(`${name}() needs at least one number`);
  return args.map((arg, i) => {
    if (typeof arg !== 'number') {
      throw new Error(
        `${name}() argument ${i + 1} must be a number, got ${valueAsText(arg)} (${typeName(arg)})`,
      );
    }
    return arg;
  });
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function toInt(args: readonly unknown[]): number {
  if (args.length !== 1) throw new Error(`int() takes 1 argument, got ${args.length}`);
  const [value] = args;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw new Error(`int() cannot convert ${JSON.stringify(value)} (${typeName(value)}) to an integer`);
}

function one(name: string, args: readonly unknown[]): unknown {
  if (args.length !== 1) throw new Error(`${name}() takes 1 argument, got ${args.length}`);
  return args[0];
}

/** The functions every expression may call; one entry per function. */
export const BUILTIN_FUNCTIONS: Readonly<Record<string, BuiltinFunction>> = {
  min: (args) => Math.min(...numbers('min', args)),
  max: (args) => Math.max(...numbers('max', args)),
  floor: (args) => Math.floor(numbers('floor', args, 1)[0] as number),
  ceil: (args) => Math.ceil(numbers('ceil', args, 1)[0] as number),
  // Half away from zero for .5 (Math.round rounds -2.5 to -2); inputs here are durations and counts.
  round: (args) => {
    const n = numbers('round', args, 1)[0] as number;
    return Math.sign(n) * Math.round(Math.abs(n));
  },
  int: toInt,
  str: (args) => valueAsText(one('str', args)),
  json: (args) => JSON.stringify(one('json', args)) ?? 'null',
};
