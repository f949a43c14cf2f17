import { isTruthy } from '../../language/eval/truthiness.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** Python truthiness: `0`, `""`, `[]`, `{}`, `null`, `false` are falsy. `truthy: false` is `falsy: true`. */
export const truthy: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand) {
    const wanted = operand !== false;
    if (isTruthy(actual) === wanted) return undefined;
    return `expected a ${wanted ? 'truthy' : 'falsy'} value, got ${describeValue(actual)}`;
  },
};
