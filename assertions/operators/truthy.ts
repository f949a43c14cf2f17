import { isTruthy } from '../../language/eval/truthiness.ts';
import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** Python truthiness: `0`, `""`, `[]`, `{}`, `null`, `false` are falsy. `truthy: false` is `falsy: true`. */
export const truthy: EachMatchOperator = {
  applies: 'each-match',
  name: 'truthy',
  doc: 'Python truthiness (`0`, `""`, `[]`, `{}`, `null`, `false` are falsy)',
  operandSchema: { description: 'Python truthiness.', const: true },
  examples: [
    { subject: 1, operand: true },
    { subject: [], operand: true, fails: 'expected a truthy value, got []' },
  ],
  check(actual, operand) {
    const wanted = operand !== false;
    if (isTruthy(actual) === wanted) return undefined;
    return `expected a ${wanted ? 'truthy' : 'falsy'} value, got ${describeValue(actual)}`;
  },
};
