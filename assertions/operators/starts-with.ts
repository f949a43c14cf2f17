import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const startsWith: EachMatchOperator = {
  applies: 'each-match',
  name: 'starts_with',
  doc: 'a string starts with the operand',
  operandSchema: { description: 'A string starts with it.', $ref: '#/$defs/operand' },
  examples: [
    { subject: 'Root=1-abc', operand: 'Root=1-' },
    { subject: 'abc', operand: 'b', fails: 'expected a string starting with "b"' },
  ],
  check(actual, operand, { ignoreCase }) {
    if (typeof operand !== 'string')
      return `the operand of starts_with must be a string, got ${describeTyped(operand)}`;
    const wanted = `a string starting with ${describeValue(operand)}`;
    if (typeof actual !== 'string') return `expected ${wanted}, got ${describeTyped(actual)}`;
    const ok = ignoreCase
      ? actual.toLowerCase().startsWith(operand.toLowerCase())
      : actual.startsWith(operand);
    return ok ? undefined : `expected ${wanted}, got ${describeValue(actual)}`;
  },
};
