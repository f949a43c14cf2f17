import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const notEquals: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand, { ignoreCase }) {
    if (!deepEqual(actual, operand, ignoreCase)) return undefined;
    return `expected anything but ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
