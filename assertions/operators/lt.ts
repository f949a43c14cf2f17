import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const lt: EachMatchOperator = {
  applies: 'each-match',
  check: (actual, operand) => compareNumber('lt', actual, operand),
};
