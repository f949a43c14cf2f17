import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const lt: EachMatchOperator = {
  applies: 'each-match',
  name: 'lt',
  doc: 'a number less than the operand',
  operandSchema: { description: 'A number less than this.', $ref: '#/$defs/numberOperand' },
  examples: [
    { subject: 0, operand: 1 },
    { subject: 1, operand: 1, fails: 'expected a number < 1, got 1' },
  ],
  check: (actual, operand) => compareNumber('lt', actual, operand),
};
