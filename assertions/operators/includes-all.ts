import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** The matches, as a set, include every listed value. */
export const includesAll: AllMatchesOperator = {
  applies: 'all-matches',
  name: 'includes_all',
  doc: 'the matches (all of them, as a set) include every listed value',
  operandSchema: {
    description: 'The matches, as a set, include every listed value.',
    type: 'array',
    minItems: 1,
  },
  examples: [
    { subject: ['a', 'b', 'c'], path: '$.subject[*]', operand: ['c', 'a'] },
    { subject: ['a', 'b', 'c'], path: '$.subject[*]', operand: ['a', 'd'], fails: 'missing ["d"]' },
  ],
  check(matches, operand, { ignoreCase }) {
    if (!Array.isArray(operand)) return `includes_all needs a list, got ${describeTyped(operand)}`;
    const missing = operand.filter((wanted) => !matches.some((m) => deepEqual(m, wanted, ignoreCase)));
    if (missing.length === 0) return undefined;
    const hint =
      matches.length === 1 && Array.isArray(matches[0])
        ? '; the path matched one array: match its items instead (e.g. $.ids[*])'
        : '';
    return `expected the matches to include ${describeValue(operand)}, missing ${describeValue(missing)}; matches: ${describeValue(matches)}${hint}`;
  },
};
