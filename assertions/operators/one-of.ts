import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const oneOf: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand, { ignoreCase }) {
    if (!Array.isArray(operand)) return `the operand of one_of must be a list, got ${describeTyped(operand)}`;
    if (operand.some((choice) => deepEqual(actual, choice, ignoreCase))) return undefined;
    return `expected one of ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
