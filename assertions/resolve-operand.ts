import { queryPath } from '../language/eval/jsonpath.ts';
import type { AssertionContext } from './assertion-context.ts';
import { renderOrExplain } from './rendered.ts';

function isRef(value: unknown): value is { ref: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'ref' && typeof (value as { ref: unknown }).ref === 'string';
}

function replaceRefs(value: unknown, document: unknown): unknown {
  if (isRef(value)) {
    const [first] = queryPath(value.ref, document);
    if (first === undefined) throw new Error(`operand {ref: ${value.ref}} matched nothing in the document`);
    return first;
  }
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, document));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRefs(v, document)]));
  }
  return value;
}

/**
 * An operator's operand as the operator sees it: templates rendered through the scope, and every `{ref: <path>}`
 * replaced by the first match of that path in the current document. Throws an Error saying what failed.
 */
export function resolveOperand(operand: unknown, context: AssertionContext): unknown {
  return replaceRefs(renderOrExplain(operand, context.scope), context.document);
}
