import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** Deep, type-strict equality: `true` is not `1`, `null` is not absent. */
export const equals: EachMatchOperator = {
  applies: 'each-match',
  name: 'equals',
  doc: 'deep, strict equality: `true` is not `1`, `null` is not absent',
  operandSchema: { description: 'Deep, strict equality.', $ref: '#/$defs/operand' },
  examples: [
    { subject: { a: [1, 'x'] }, operand: { a: [1, 'x'] } },
    { subject: true, operand: 1, fails: 'expected 1, got true' },
  ],
  check(actual, operand, { ignoreCase }) {
    if (deepEqual(actual, operand, ignoreCase)) return undefined;
    return `expected ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
