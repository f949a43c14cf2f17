import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { AllMatchesOperator } from '../operator-types.ts';

/** No match of the subject equals a match of another JSONPath in the same document. */
export const disjointWith: AllMatchesOperator = {
  applies: 'all-matches',
  name: 'disjoint_with',
  doc: 'no match of the subject equals a match of that JSONPath (same document)',
  operandSchema: {
    description: 'No match of the subject equals a match of this JSONPath (same document).',
    $ref: '#/$defs/jsonPath',
  },
  examples: [
    { subject: ['x', 'y'], path: '$.subject[*]', operand: '$.other[*]', document: { other: ['z'] } },
    {
      subject: ['x', 'y'],
      path: '$.subject[*]',
      operand: '$.other[*]',
      document: { other: ['y'] },
      fails: 'expected no value in common with $.other[*], got "y" in both',
    },
  ],
  check(matches, operand, { ignoreCase, query }) {
    if (typeof operand !== 'string') return `disjoint_with needs a JSONPath, got ${describeTyped(operand)}`;
    let others: unknown[];
    try {
      others = query(operand);
    } catch (error) {
      return (error as Error).message;
    }
    const shared = matches.find((value) => others.some((other) => deepEqual(value, other, ignoreCase)));
    if (shared === undefined) return undefined;
    return `expected no value in common with ${operand}, got ${describeValue(shared)} in both`;
  },
};
