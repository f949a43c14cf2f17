import { describeTyped } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

const TYPE_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  array: (v) => Array.isArray(v),
};

export const type: EachMatchOperator = {
  applies: 'each-match',
  name: 'type',
  doc: 'the JSON type of the value: `string`, `number`, `integer`, `boolean`, `null`, `object` or `array`',
  operandSchema: {
    description: 'The JSON type of the value.',
    enum: ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'],
  },
  examples: [
    { subject: 3, operand: 'integer' },
    { subject: '3', operand: 'number', fails: 'expected a value of type number, got "3" (string)' },
  ],
  check(actual, operand) {
    const test = typeof operand === 'string' ? TYPE_TESTS[operand] : undefined;
    if (!test)
      return `type must be one of ${Object.keys(TYPE_TESTS).join(', ')}, got ${describeTyped(operand)}`;
    return test(actual)
      ? undefined
      : `expected a value of type ${operand as string}, got ${describeTyped(actual)}`;
  },
};
