import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const oneOf: EachMatchOperator = {
  applies: 'each-match',
  name: 'one_of',
  doc: 'the value equals one of the list',
  operandSchema: { description: 'The value equals one of the list.', type: 'array', minItems: 1 },
  examples: [
    { subject: 'b', operand: ['a', 'b'] },
    { subject: 'c', operand: ['a', 'b'], fails: 'expected one of ["a","b"], got "c"' },
  ],
  check(actual, operand, { ignoreCase }) {
    if (!Array.isArray(operand)) return `the operand of one_of must be a list, got ${describeTyped(operand)}`;
    if (operand.some((choice) => deepEqual(actual, choice, ignoreCase))) return undefined;
    return `expected one of ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
