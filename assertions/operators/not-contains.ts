import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';
import { containment } from './contains.ts';

export const notContains: EachMatchOperator = {
  applies: 'each-match',
  name: 'not_contains',
  doc: 'the negation of `contains`',
  operandSchema: { description: 'The negation of contains.', $ref: '#/$defs/operand' },
  examples: [
    { subject: 'abc', operand: 'x' },
    { subject: 'abc', operand: 'b', fails: 'expected a string not containing "b"' },
  ],
  check(actual, operand, options) {
    const result = containment(actual, operand, options);
    if ('problem' in result) return result.problem;
    if (!result.contained) return undefined;
    const kind = Array.isArray(actual) ? 'an array' : 'a string';
    return `expected ${kind} not containing ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
