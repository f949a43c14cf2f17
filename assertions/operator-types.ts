/**
 * The two shapes of an assertion operator. Most operators judge each matched value on its own (`each-match`);
 * a few judge the whole set of matches of the subject (`all-matches`: exists, absent, count, includes_all,
 * disjoint_with). Both return why they fail, as one line "expected …, got …", or undefined when they hold.
 * Operands arrive rendered through the scope, with `{ref: …}` already resolved.
 */
export interface OperatorOptions {
  /** `ignore_case: true`: string comparisons ignore case. */
  readonly ignoreCase: boolean;
  /** The matches of a JSONPath in the current document (for operands that name a path). */
  readonly query: (path: string) => unknown[];
}

export interface EachMatchOperator {
  readonly applies: 'each-match';
  check(actual: unknown, operand: unknown, options: OperatorOptions): string | undefined;
}

export interface AllMatchesOperator {
  readonly applies: 'all-matches';
  check(matches: readonly unknown[], operand: unknown, options: OperatorOptions): string | undefined;
}

export type Operator = EachMatchOperator | AllMatchesOperator;
