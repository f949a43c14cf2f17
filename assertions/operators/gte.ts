import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const gte: EachMatchOperator = {
  applies: 'each-match',
  name: 'gte',
  doc: 'a number greater than or equal to the operand',
  operandSchema: { description: 'A number greater than or equal to this.', $ref: '#/$defs/numberOperand' },
  examples: [
    { subject: 1, operand: 1 },
    { subject: 0, operand: 1, fails: 'expected a number >= 1, got 0' },
  ],
  check: (actual, operand) => compareNumber('gte', actual, operand),
};
