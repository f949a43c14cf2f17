import type { ErrorObject } from 'ajv/dist/2020.js';
import type { DataPath } from '../../language/model/data-path.ts';
import { didYouMean } from '../text/closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import { describePath, type LocatedProblem } from './schema-problem.ts';
import { isKeyChoice, keyChoiceKeys, selectErrors } from './select-schema-errors.ts';
import { stepSchemaDiagnostic } from './step-schema-diagnostic.ts';
import type { YamlSource } from './yaml-source.ts';

export type CaseIdsAt = (path: DataPath, data: unknown) => string[];

/**
 * Turns ajv's errors into one located diagnostic per distinct problem. `basePath` is where the validated
 * value sits in the file (empty for a whole file; a step's `with` for a hook's arguments).
 */
export function schemaErrorDiagnostics(
  errors: readonly ErrorObject[],
  source: YamlSource,
  caseIdsAt: CaseIdsAt,
  basePath: DataPath = [],
): Diagnostic[] {
  // An empty string fails its pattern too; "is empty" says all there is to say.
  const emptyAt = new Set(errors.filter((e) => e.keyword === 'minLength').map((e) => e.instancePath));
  const selected = selectErrors(
    errors.filter((e) => !(e.keyword === 'pattern' && emptyAt.has(e.instancePath))),
  ).map((error) => ({
    error,
    path: [...basePath, ...pointerToPath(error.instancePath)],
  }));
  const diagnostics: Diagnostic[] = [];
  for (const { error, path } of selected) {
    const refined = stepSchemaDiagnostic(error, path, source, selected);
    if (refined === 'drop') continue;
    const base = refined ?? toDiagnostic(error, path, source, errors);
    diagnostics.push({ ...base, file: source.file, caseIds: caseIdsAt(path, source.data) });
  }
  return diagnostics;
}

/** A diagnostic without its file and case IDs, which the caller adds. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A value as a message quotes it: JSON, cut short when long. */
function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const RANGE_WORDS: Readonly<Record<string, string>> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'more than',
  exclusiveMaximum: 'less than',
};

function toDiagnostic(
  error: ErrorObject,
  path: DataPath,
  source: YamlSource,
  all: readonly ErrorObject[],
): LocatedProblem {
  const where = describePath(path);
  const parent = error.parentSchema as { description?: string } | undefined;
  const described = parent?.description ? ` (${parent.description})` : '';
  let pos = source.locate(path);
  let code = `schema-${error.keyword}`;
  let message: string;
  let fix: string;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parent as { properties?: object } | undefined)?.properties ?? {});
      pos = source.locateKey([...path, extra]);
      code = 'unknown-property';
      message = `unknown property '${extra}' in ${where}.${didYouMean(extra, allowed)}`;
      fix = allowed.length > 0 ? `use one of: ${allowed.join(', ')}` : `remove '${extra}'`;
      break;
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      code = 'missing-property';
      message = `${where} lacks the required property '${missing}'`;
      const sub = (parent as { properties?: Record<string, { description?: string }> })?.properties?.[
        missing
      ];
      fix = `add '${missing}:'${sub?.description ? ` — ${sub.description}` : ''}`;
      pos = path.length === 0 ? pos : source.locateKey(path);
      break;
    }
    case 'type': {
      // YAML's words for JSON Schema's types: an author writes mappings and lists.
      const type = String((error.params as { type: string }).type)
        .replace('object', 'mapping')
        .replace('array', 'list');
      const article = /^[aeiou]/.test(type) ? 'an' : 'a';
      code = 'wrong-type';
      message = `${where} must be ${article} ${type}, but it is ${quoted(error.data)}`;
      fix = `change the value to ${article} ${type}${described}`;
      break;
    }
    case 'pattern':
      // The pattern itself means nothing to an author: the schema's description says the form in words.
      code = 'bad-format';
      message = `${where} is ${quoted(error.data)}, which is not of the expected form`;
      fix = parent?.description ?? 'see the schema for the expected form';
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const limit = (error.params as { limit: number }).limit;
      code = 'out-of-range';
      message = `${where} is ${quoted(error.data)}; it must be ${RANGE_WORDS[error.keyword]} ${limit}`;
      fix = `use a number in range${described} (docs/catalogue-steps.md, Limits)`;
      break;
    }
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const items = Array.isArray(error.data) ? error.data : [];
      code = 'duplicate-item';
      pos = source.locate([...path, Math.max(i, j)]);
      message = `${where} lists ${quoted(items[Math.max(i, j)])} twice (items ${Math.min(i, j) + 1} and ${Math.max(i, j) + 1})`;
      fix = 'remove the repeated entry';
      break;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      code = 'not-allowed-value';
      message = `${where} is ${JSON.stringify(error.data)}, not one of the allowed values.${didYouMean(String(error.data), allowed)}`;
      fix = `use one of: ${allowed.join(', ')}`;
      break;
    }
    case 'oneOf':
    case 'anyOf': {
      if (isKeyChoice(error)) {
        const keys = keyChoiceKeys(error);
        const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
        if (passing) {
          const present = passing.map((i) => keys[i] ?? '');
          code = 'conflicting-properties';
          message = `${where} has ${present.map((k) => `'${k}'`).join(' and ')}; it takes exactly one of ${keys.join(', ')}`;
          fix = `keep one of ${present.join(', ')}${described}`;
          pos = source.locateKey([...path, present[present.length - 1] ?? '']);
        } else {
          code = 'missing-property';
          message = `${where} needs ${error.keyword === 'oneOf' ? 'one' : 'at least one'} of: ${keys.join(', ')}`;
          fix = `add one of ${keys.map((k) => `'${k}:'`).join(', ')}${described}`;
        }
        break;
      }
      code = 'wrong-shape';
      message = `${where} is ${quoted(error.data)}, which is none of the forms it may take`;
      fix = parent?.description ?? 'see the schema for the allowed forms';
      break;
    }
    case 'minItems':
    case 'minLength':
    case 'minProperties': {
      const limit = (error.params as { limit: number }).limit;
      const unit = { minItems: 'item', minLength: 'character', minProperties: 'entry' }[error.keyword];
      code = 'empty-value';
      message =
        limit === 1
          ? `${where} is empty; it needs at least one ${unit}`
          : `${where} has too few; it needs at least ${limit} ${unit === 'entry' ? 'entries' : `${unit}s`}`;
      fix = parent?.description ? `fill it in: ${parent.description}` : 'fill it in, or remove the key';
      break;
    }
    case 'propertyNames': {
      const name = String((error.params as { propertyName: string }).propertyName);
      // The error inside propertyNames carries the schema of the names, and with it their description.
      const inner = all.find(
        (e) => e.propertyName === name && e.instancePath === error.instancePath && e !== error,
      );
      const named = (inner?.parentSchema as { description?: string } | undefined)?.description;
      code = 'bad-key';
      pos = source.locateKey([...path, name]);
      message = `${where} has a key that is not allowed: ${quoted(name)}`;
      fix = named ? `rename the key: ${named}` : `rename the key${described}`;
      break;
    }
    default:
      message = `${where} ${error.message ?? 'is invalid'}`;
      fix = `correct the value${described}`;
  }
  return { code, ...pos, message, fix };
}
