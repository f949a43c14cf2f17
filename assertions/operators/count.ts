import { checkBounds } from '../number-comparison.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** The number of matches of the subject (not of each value): a number or bounds. */
export const count: AllMatchesOperator = {
  applies: 'all-matches',
  check: (matches, operand) => checkBounds('count', matches.length, operand),
};
