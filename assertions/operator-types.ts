import type { JsonValue } from '../language/model/steps.ts';

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

/**
 * One worked example of an operator, run by the tests through the real assertion checker. The assertion reads
 * the document `{subject, ...document}` at `path` (default `$.subject`) with the operator and `operand`.
 */
export interface OperatorExample {
  /** The value at `$.subject`. */
  readonly subject: JsonValue;
  /** The operand, as the catalogue writes it. */
  readonly operand: JsonValue;
  /** The subject path when not `$.subject`: e.g. `$.subject[*]` for operators on all matches, or a missing path. */
  readonly path?: string;
  /** Other fields of the document, for operands that name a path in it. */
  readonly document?: Readonly<Record<string, JsonValue>>;
  /** A failing example: a fragment of the failure message. A passing example leaves it out. */
  readonly fails?: string;
}

/**
 * What every operator says about itself; the catalogue schema and docs/catalogue-steps.md are generated from it
 * (npm run docs), the tests run its examples.
 */
export interface OperatorEntry {
  /** Its key in an assertion, e.g. `not_equals`. */
  readonly name: string;
  /** One line for docs/catalogue-steps.md: when it holds. */
  readonly doc: string;
  /** JSON Schema (draft 2020-12) of its operand: the assertion's property in schema/catalog-file.schema.json. */
  readonly operandSchema: Readonly<Record<string, JsonValue>>;
  /** At least one passing and one failing example. */
  readonly examples: readonly OperatorExample[];
}

export interface EachMatchOperator extends OperatorEntry {
  readonly applies: 'each-match';
  check(actual: unknown, operand: unknown, options: OperatorOptions): string | undefined;
}

export interface AllMatchesOperator extends OperatorEntry {
  readonly applies: 'all-matches';
  check(matches: readonly unknown[], operand: unknown, options: OperatorOptions): string | undefined;
}

export type Operator = EachMatchOperator | AllMatchesOperator;
