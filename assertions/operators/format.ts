import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

const FORMATS: Readonly<Record<string, { readonly name: string; readonly pattern: RegExp }>> = {
  uuid: { name: 'a UUID', pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i },
};

export const format: EachMatchOperator = {
  applies: 'each-match',
  name: 'format',
  doc: 'a string of that format: `uuid`',
  operandSchema: { description: 'A string of that format.', enum: ['uuid'] },
  examples: [
    { subject: '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b', operand: 'uuid' },
    { subject: 'nope', operand: 'uuid', fails: 'expected a UUID, got "nope"' },
  ],
  check(actual, operand) {
    const known = typeof operand === 'string' ? FORMATS[operand] : undefined;
    if (!known)
      return `format must be one of ${Object.keys(FORMATS).join(', ')}, got ${describeTyped(operand)}`;
    if (typeof actual === 'string' && known.pattern.test(actual)) return undefined;
    return `expected ${known.name}, got ${typeof actual === 'string' ? describeValue(actual) : describeTyped(actual)}`;
  },
};
