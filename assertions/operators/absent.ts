import { describeValue } from '../describe-value.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** `absent: true`: the subject matched nothing (`absent: false` is `exists: true`). */
export const absent: AllMatchesOperator = {
  applies: 'all-matches',
  name: 'absent',
  doc: 'the subject matched nothing (`absent: true`)',
  operandSchema: { description: 'The subject matched nothing.', const: true },
  examples: [
    { subject: 0, path: '$.missing', operand: true },
    { subject: 0, operand: true, fails: 'expected no match, got 1' },
  ],
  check(matches, operand) {
    if (operand === false) return matches.length > 0 ? undefined : 'expected at least one match, got none';
    if (matches.length === 0) return undefined;
    return `expected no match, got ${matches.length}: ${describeValue(matches)}`;
  },
};
