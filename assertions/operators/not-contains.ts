import { describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';
import { containment } from './contains.ts';

export const notContains: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand, options) {
    const result = containment(actual, operand, options);
    if ('problem' in result) return result.problem;
    if (!result.contained) return undefined;
    const kind = Array.isArray(actual) ? 'an array' : 'a string';
    return `expected ${kind} not containing ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
