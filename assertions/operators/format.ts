import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

const FORMATS: Readonly<Record<string, { readonly name: string; readonly pattern: RegExp }>> = {
  uuid: { name: 'a UUID', pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i },
};

export const format: EachMatchOperator = {
  applies: 'each-match',
  check(actual, operand) {
    const known = typeof operand === 'string' ? FORMATS[operand] : undefined;
    if (!known)
      return `format must be one of ${Object.keys(FORMATS).join(', ')}, got ${describeTyped(operand)}`;
    if (typeof actual === 'string' && known.pattern.test(actual)) return undefined;
    return `expected ${known.name}, got ${typeof actual === 'string' ? describeValue(actual) : describeTyped(actual)}`;
  },
};
