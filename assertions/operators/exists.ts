import { describeValue } from '../describe-value.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** `exists: true`: the subject matched at least one value (`exists: false` is `absent: true`). */
export const exists: AllMatchesOperator = {
  applies: 'all-matches',
  check(matches, operand) {
    if (operand === false)
      return matches.length === 0 ? undefined : `expected no match, got ${describeValue(matches)}`;
    return matches.length > 0 ? undefined : 'expected at least one match, got none';
  },
};
