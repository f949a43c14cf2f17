import { describeTyped, describeValue } from '../describe-value.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/** An array of objects has no two items with the same values of the listed fields. */
export const uniqueBy: EachMatchOperator = {
  applies: 'each-match',
  name: 'unique_by',
  doc: 'an array of objects has no two items with the same values of those fields',
  operandSchema: {
    description: 'An array of objects has no two items with the same values of these fields.',
    type: 'array',
    minItems: 1,
    items: { type: 'string', minLength: 1 },
  },
  examples: [
    { subject: [{ id: 1 }, { id: 2 }], operand: ['id'] },
    {
      subject: [{ id: 1 }, { id: 1 }],
      operand: ['id'],
      fails: 'expected items unique by id; items 0 and 1 share {"id":1}',
    },
  ],
  check(actual, operand) {
    if (!Array.isArray(operand) || operand.length === 0 || !operand.every((f) => typeof f === 'string')) {
      return `unique_by needs a list of field names, got ${describeTyped(operand)}`;
    }
    const fields = operand as string[];
    if (!Array.isArray(actual)) {
      return `expected an array of objects, got ${describeTyped(actual)}; match the array itself (e.g. $ rather than $[*])`;
    }
    const seen = new Map<string, number>();
    for (const [i, item] of actual.entries()) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        return `expected an array of objects, item ${i} is ${describeTyped(item)}`;
      }
      const picked = Object.fromEntries(fields.map((f) => [f, (item as Record<string, unknown>)[f] ?? null]));
      const key = JSON.stringify(fields.map((f) => picked[f]));
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        return `expected items unique by ${fields.join(', ')}; items ${earlier} and ${i} share ${describeValue(picked)}`;
      }
      seen.set(key, i);
    }
    return undefined;
  },
};
