import { describeValue } from '../describe-value.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** `exists: true`: the subject matched at least one value (`exists: false` is `absent: true`). */
export const exists: AllMatchesOperator = {
  applies: 'all-matches',
  name: 'exists',
  doc: 'the subject matched at least one value (`exists: true`)',
  operandSchema: { description: 'The subject matched at least one value.', const: true },
  examples: [
    { subject: 0, operand: true },
    { subject: 0, path: '$.missing', operand: true, fails: 'expected at least one match, got none' },
  ],
  check(matches, operand) {
    if (operand === false)
      return matches.length === 0 ? undefined : `expected no match, got ${describeValue(matches)}`;
    return matches.length > 0 ? undefined : 'expected at least one match, got none';
  },
};
