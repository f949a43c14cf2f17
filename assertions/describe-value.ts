import { escapeControls } from '../language/text/control-characters.ts';

/** Longest rendering of a value in a failure message; longer values are cut with an ellipsis. */
export const VALUE_TEXT_LIMIT = 200;

/**
 * A value as a failure message shows it: JSON (strings quoted), `nothing` for no value, cut to ~200 chars, with
 * the control characters JSON leaves alone (DEL, C1, bidi overrides) escaped as well.
 */
export function describeValue(value: unknown, limit = VALUE_TEXT_LIMIT): string {
  const text = value === undefined ? 'nothing' : escapeControls(JSON.stringify(value) ?? String(value));
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** The JSON type name of a value, as `type:` spells it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value with its type, for messages about a value of the wrong type: `"3" (string)`. */
export function describeTyped(value: unknown): string {
  return `${describeValue(value)} (${jsonType(value)})`;
}
