import { describeTyped } from '../describe-value.ts';
import { checkBounds } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** The length of a string (UTF-16 units, as JavaScript counts) or an array: a number or bounds. */
export const length: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand) {
    if (typeof actual !== 'string' && !Array.isArray(actual)) {
      return `expected a string or array to measure, got ${describeTyped(actual)}`;
    }
    return checkBounds('length', actual.length, operand);
  },
};
