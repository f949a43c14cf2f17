import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isJsonObject } from './python-values.ts';

/**
 * A JSON value in DynamoDB's attribute-value form, as boto3's resource layer writes Python values:
 * dict -> M, list -> L, str -> S, bool -> BOOL, number -> N, None -> NULL. lambda-scheduled stores its
 * event this way (`{"scheduled":true}` -> `{"M":{"scheduled":{"BOOL":true}}}`, contract §8).
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') return { N: String(value) };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (isJsonObject(value))
    return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAttributeValue(v)])) };
  return { NULL: true };
}
