import type { JsonValue } from '../language/model/steps.ts';

/**
 * A client library's answer as the plain JSON document that expect, poll and capture read: undefined fields
 * dropped, dates as ISO strings, numbers kept as numbers.
 */
export function toPlainJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}
