import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const lte: EachMatchOperator = {
  applies: 'each-match',
  check: (actual, operand) => compareNumber('lte', actual, operand),
};
