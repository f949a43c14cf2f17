import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const gt: EachMatchOperator = {
  applies: 'each-match',
  check: (actual, operand) => compareNumber('gt', actual, operand),
};
