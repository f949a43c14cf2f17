import { compilePattern } from '../../language/eval/regex-pattern.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** A string matches a regular expression (searched anywhere unless anchored): `/re/flags` or a bare pattern. */
export const matches: EachMatchOperator = {
  applies: 'each-match',
  name: 'matches',
  doc: 'a string matches the regular expression (`/re/flags` or a bare pattern)',
  operandSchema: {
    description: 'A string matches the regular expression (/re/flags or a bare pattern).',
    $ref: '#/$defs/templatedString',
  },
  examples: [
    { subject: 'abc123', operand: '^[a-z]+[0-9]+$' },
    { subject: 'abc', operand: '/^B/i', fails: 'expected a string matching /^B/i, got "abc"' },
  ],
  check(actual, operand, { ignoreCase }) {
    if (typeof operand !== 'string')
      return `the operand of matches must be a pattern string, got ${describeTyped(operand)}`;
    let pattern: RegExp;
    try {
      pattern = compilePattern(operand, ignoreCase ? 'i' : '');
    } catch (error) {
      return (error as Error).message;
    }
    const wanted = `a string matching ${pattern}`;
    if (typeof actual !== 'string') return `expected ${wanted}, got ${describeTyped(actual)}`;
    return pattern.test(actual) ? undefined : `expected ${wanted}, got ${describeValue(actual)}`;
  },
};
