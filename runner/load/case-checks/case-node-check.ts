import type { DataPath } from '../yaml-source.ts';

/** A problem in a case's steps, at a data path relative to the file. */
export interface CaseNodeProblem {
  readonly path: DataPath;
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * A load-time check of one value in a case's steps that needs no target: it gets the value and its data path in
 * the file, and returns what is wrong with it. A value written with ${…} is left to run time.
 */
export type CaseNodeCheck = (value: unknown, path: DataPath) => CaseNodeProblem[];

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
