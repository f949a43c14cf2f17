import { describeTyped } from '../describe-value.ts';
import { checkBounds } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** The length of a string (UTF-16 units, as JavaScript counts) or an array: a number or bounds. */
export const length: EachMatchOperator = {
  applies: 'each-match',
  name: 'length',
  doc: 'the length of a string or array: `length: n` or bounds such as `length: {gte: 1, …}`',
  operandSchema: { description: 'The length of a string or array.', $ref: '#/$defs/countOrComparison' },
  examples: [
    { subject: 'abc', operand: 3 },
    { subject: [1, 2], operand: { gte: 1 } },
    { subject: 'abc', operand: { lt: 2 }, fails: 'length' },
  ],
  check(actual, operand) {
    if (typeof actual !== 'string' && !Array.isArray(actual)) {
      return `expected a string or array to measure, got ${describeTyped(actual)}`;
    }
    return checkBounds('length', actual.length, operand);
  },
};
