import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const notEquals: EachMatchOperator = {
  applies: 'each-match',
  name: 'not_equals',
  doc: 'the negation of `equals`',
  operandSchema: { description: 'Not deeply equal.', $ref: '#/$defs/operand' },
  examples: [
    { subject: 'a', operand: 'b' },
    { subject: 'a', operand: 'a', fails: 'expected anything but "a", got "a"' },
  ],
  check(actual, operand, { ignoreCase }) {
    if (!deepEqual(actual, operand, ignoreCase)) return undefined;
    return `expected anything but ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
