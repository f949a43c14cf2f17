import { checkBounds } from '../number-comparison.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** The number of matches of the subject (not of each value): a number or bounds. */
export const count: AllMatchesOperator = {
  applies: 'all-matches',
  name: 'count',
  doc: 'the number of matches of the subject (not of each value): `count: n` or bounds such as `count: {gte: 1}`',
  operandSchema: {
    description: 'The number of matches of the subject (not of each value).',
    $ref: '#/$defs/countOrComparison',
  },
  examples: [
    { subject: [1, 2, 3], path: '$.subject[*]', operand: 3 },
    { subject: [1, 2, 3], path: '$.subject[*]', operand: { lt: 2 }, fails: 'count' },
  ],
  check: (matches, operand) => checkBounds('count', matches.length, operand),
};
