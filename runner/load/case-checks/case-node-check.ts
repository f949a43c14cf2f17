import type { DataPath } from '../../../language/model/data-path.ts';
import type { Fixture } from '../../../language/model/steps.ts';

/** A problem in a case's steps, at a data path relative to the file. */
export interface CaseNodeProblem {
  readonly path: DataPath;
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** Point at the key of the entry at `path` rather than at its value. */
  readonly atKey?: boolean;
}

/** What a check may know about the case around the value. */
export interface CaseContext {
  readonly fixture: Fixture;
}

/**
 * A load-time check of one value in a case's steps that needs no target: it gets the value, its data path in
 * the file and the case around it, and returns what is wrong with it. A value written with ${…} is left to run
 * time.
 */
export type CaseNodeCheck = (value: unknown, path: DataPath, context: CaseContext) => CaseNodeProblem[];

/** Every value below `value` with its data path, parents first. */
export function* valuesIn(value: unknown, path: DataPath): Generator<[unknown, DataPath]> {
  yield [value, path];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* valuesIn(item, [...path, i]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* valuesIn(item, [...path, key]);
}

/** The value as a mapping, or undefined. */
export function asMapping(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Text the loader can check as written: a string without a template. */
export function literalText(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}

export const SPEC = 'docs/catalogue-steps.md';
