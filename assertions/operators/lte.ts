import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const lte: EachMatchOperator = {
  applies: 'each-match',
  name: 'lte',
  doc: 'a number less than or equal to the operand, e.g. `lte: { ref: $.max_capacity }`',
  operandSchema: { description: 'A number less than or equal to this.', $ref: '#/$defs/numberOperand' },
  examples: [
    { subject: 1, operand: 1 },
    { subject: 2, operand: { ref: '$.max' }, document: { max: 1 }, fails: 'expected a number <= 1, got 2' },
  ],
  check: (actual, operand) => compareNumber('lte', actual, operand),
};
