import { compareNumber } from '../number-comparison.ts';
import type { EachMatchOperator } from '../operator-types.ts';

export const gte: EachMatchOperator = {
  applies: 'each-match',
  check: (actual, operand) => compareNumber('gte', actual, operand),
};
