import { isTruthy } from '../../language/eval/truthiness.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** The negation of `truthy`. `falsy: false` is `truthy: true`. */
export const falsy: EachMatchOperator = {
  applies: 'each-match',
  name: 'falsy',
  doc: 'the negation of `truthy`',
  operandSchema: { description: 'Python falsiness (0, "", [], {}, null, false).', const: true },
  examples: [
    { subject: '', operand: true },
    { subject: 'x', operand: true, fails: 'expected a falsy value, got "x"' },
  ],
  check(actual, operand) {
    const wanted = operand !== false;
    if (!isTruthy(actual) === wanted) return undefined;
    return `expected a ${wanted ? 'falsy' : 'truthy'} value, got ${describeValue(actual)}`;
  },
};
