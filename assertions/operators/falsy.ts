import { isTruthy } from '../../language/eval/truthiness.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** The negation of `truthy`. `falsy: false` is `truthy: true`. */
export const falsy: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand) {
    const wanted = operand !== false;
    if (!isTruthy(actual) === wanted) return undefined;
    return `expected a ${wanted ? 'falsy' : 'truthy'} value, got ${describeValue(actual)}`;
  },
};
