import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const gt: EachMatchOperator = {
  applies: 'each-match',
  name: 'gt',
  doc: 'a number greater than the operand (a number, a template or `{ref: <JSONPath>}`)',
  operandSchema: { description: 'A number greater than this.', $ref: '#/$defs/numberOperand' },
  examples: [
    { subject: 2, operand: 1 },
    { subject: 1, operand: 1, fails: 'expected a number > 1, got 1' },
  ],
  check: (actual, operand) => compareNumber('gt', actual, operand),
};
