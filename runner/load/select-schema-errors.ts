import type { ErrorObject } from 'ajv/dist/2020.js';
import { closestName } from '../text/closest-name.ts';

/**
 * A oneOf/anyOf whose branches only require keys ("exactly one of request, hook, …", "at least one operator").
 * Its branch errors are one `required` per key and say nothing the choice itself does not.
 */
export function isKeyChoice(error: ErrorObject): boolean {
  if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') return false;
  const branches: unknown = error.schema;
  return (
    Array.isArray(branches) &&
    branches.every(
      (b) =>
        typeof b === 'object' &&
        b !== null &&
        Array.isArray((b as { required?: unknown }).required) &&
        Object.keys(b).every((k) => k === 'required' || k === 'properties'),
    )
  );
}

/** The keys a key choice chooses between, in schema order. */
export function keyChoiceKeys(error: ErrorObject): string[] {
  return (error.schema as { required: string[] }[]).flatMap((b) => b.required);
}

/**
 * ajv reports every failed branch of a oneOf plus the oneOf itself; a reader wants one message per place.
 * When a branch of the value's own type failed on something specific (a pattern, a missing key), report
 * that; when every branch failed on type, report the oneOf as a wrong shape. A key choice is reported once,
 * as itself. An `if` only says that its `then` failed, which the `then` errors already say. A key that is
 * unknown and close to a missing required key is one typo, reported once as the unknown key.
 */
export function selectErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // Errors raised inside propertyNames repeat the propertyNames error itself.
  let kept = errors.filter(
    (e) => (e.propertyName === undefined || e.keyword === 'propertyNames') && e.keyword !== 'if',
  );
  const keyChoices = kept.filter(isKeyChoice);
  for (const choice of keyChoices) {
    kept = kept.filter(
      (e) =>
        !(
          e.keyword === 'required' &&
          e.instancePath === choice.instancePath &&
          e.schemaPath.startsWith(`${choice.schemaPath}/`)
        ),
    );
  }
  for (const choice of kept.filter(
    (e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !keyChoices.includes(e),
  )) {
    const within = (e: ErrorObject) =>
      e !== choice &&
      (e.instancePath === choice.instancePath || e.instancePath.startsWith(`${choice.instancePath}/`));
    const specific = kept.filter(
      (e) => within(e) && !(e.keyword === 'type' && e.instancePath === choice.instancePath),
    );
    kept =
      specific.length > 0
        ? kept.filter((e) => e !== choice && (!within(e) || specific.includes(e)))
        : kept.filter((e) => !within(e));
  }
  const typos = kept.filter((e) => e.keyword === 'additionalProperties');
  kept = kept.filter(
    (e) =>
      e.keyword !== 'required' ||
      !typos.some(
        (t) =>
          t.instancePath === e.instancePath &&
          closestName(String(t.params.additionalProperty), [String(e.params.missingProperty)]) !== undefined,
      ),
  );
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
