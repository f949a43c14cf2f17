import type { Operator } from './operator-types.ts';
import { absent } from './operators/absent.ts';
import { contains } from './operators/contains.ts';
import { count } from './operators/count.ts';
import { disjointWith } from './operators/disjoint-with.ts';
import { equals } from './operators/equals.ts';
import { exists } from './operators/exists.ts';
import { falsy } from './operators/falsy.ts';
import { format } from './operators/format.ts';
import { gt } from './operators/gt.ts';
import { gte } from './operators/gte.ts';
import { inNetwork } from './operators/in-network.ts';
import { includesAll } from './operators/includes-all.ts';
import { length } from './operators/length.ts';
import { lt } from './operators/lt.ts';
import { lte } from './operators/lte.ts';
import { matches } from './operators/matches.ts';
import { notContains } from './operators/not-contains.ts';
import { notEquals } from './operators/not-equals.ts';
import { oneOf } from './operators/one-of.ts';
import { startsWith } from './operators/starts-with.ts';
import { truthy } from './operators/truthy.ts';
import { type } from './operators/type.ts';
import { uniqueBy } from './operators/unique-by.ts';

/**
 * Every assertion operator, once, in the order the schema and docs/catalogue-steps.md list them. Each operator
 * file carries its name, operand schema, one-line doc and examples; the catalogue schema and the docs reference
 * are generated from this list (npm run docs). Adding an operator: a file in operators/ and a line here.
 */
export const OPERATOR_TABLE: readonly Operator[] = [
  equals,
  notEquals,
  exists,
  absent,
  contains,
  notContains,
  startsWith,
  matches,
  oneOf,
  type,
  format,
  inNetwork,
  gt,
  gte,
  lt,
  lte,
  length,
  count,
  truthy,
  falsy,
  uniqueBy,
  disjointWith,
  includesAll,
];

/** The operators by their catalogue key. */
export const OPERATORS: Readonly<Record<string, Operator>> = Object.fromEntries(
  OPERATOR_TABLE.map((operator) => [operator.name, operator]),
);
