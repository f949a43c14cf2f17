import { deepEqual } from '../../language/eval/deep-equal.ts';
import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator, OperatorOptions } from '../operator-types.ts';

/** Whether `actual` contains `operand`, or why the question does not apply. */
export function containment(
  actual: unknown,
  operand: unknown,
  { ignoreCase }: OperatorOptions,
): { contained: boolean } | { problem: string } {
  if (typeof actual === 'string') {
    if (typeof operand !== 'string') {
      return { problem: `a string can only contain a string, got operand ${describeTyped(operand)}` };
    }
    const contained = ignoreCase
      ? actual.toLowerCase().includes(operand.toLowerCase())
      : actual.includes(operand);
    return { contained };
  }
  if (Array.isArray(actual))
    return { contained: actual.some((item) => deepEqual(item, operand, ignoreCase)) };
  return { problem: `expected a string or array, got ${describeTyped(actual)}` };
}

export const contains: EachMatchOperator = {
  applies: 'each-match',
  name: 'contains',
  doc: 'a string contains the operand, or an array contains an element equal to it',
  operandSchema: {
    description: 'A string contains it, or an array contains an equal element.',
    $ref: '#/$defs/operand',
  },
  examples: [
    { subject: 'Echo: smoke-python', operand: 'smoke' },
    { subject: ['a', 'b'], operand: 'c', fails: 'expected an array containing "c"' },
  ],
  check(actual, operand, options) {
    const result = containment(actual, operand, options);
    if ('problem' in result) return result.problem;
    if (result.contained) return undefined;
    const kind = Array.isArray(actual) ? 'an array' : 'a string';
    return `expected ${kind} containing ${describeValue(operand)}, got ${describeValue(actual)}`;
  },
};
