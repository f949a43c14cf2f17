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

/** Every assertion operator by its catalogue key. Adding one: a file in operators/, a line here, a test. */
export const OPERATORS: Readonly<Record<string, Operator>> = {
  equals,
  not_equals: notEquals,
  exists,
  absent,
  contains,
  not_contains: notContains,
  starts_with: startsWith,
  matches,
  one_of: oneOf,
  type,
  format,
  gt,
  gte,
  lt,
  lte,
  length,
  count,
  truthy,
  falsy,
  unique_by: uniqueBy,
  disjoint_with: disjointWith,
  includes_all: includesAll,
};
