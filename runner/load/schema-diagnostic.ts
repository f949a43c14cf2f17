import type { ErrorObject } from 'ajv/dist/2020.js';
import { didYouMean } from './closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import { isKeyChoice, keyChoiceKeys, selectErrors } from './select-schema-errors.ts';
import { stepSchemaDiagnostic } from './step-schema-diagnostic.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

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
  const selected = selectErrors(errors).map((error) => ({
    error,
    path: [...basePath, ...pointerToPath(error.instancePath)],
  }));
  const diagnostics: Diagnostic[] = [];
  for (const { error, path } of selected) {
    const refined = stepSchemaDiagnostic(error, path, source, selected);
    if (refined === 'drop') continue;
    const base = refined ?? toDiagnostic(error, path, source);
    diagnostics.push({ ...base, file: source.file, caseIds: caseIdsAt(path, source.data) });
  }
  return diagnostics;
}

/** A diagnostic without its file and case IDs, which the caller adds. */
export type LocatedProblem = Omit<Diagnostic, 'file' | 'caseIds'>;

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function describePath(path: DataPath): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function toDiagnostic(error: ErrorObject, path: DataPath, source: YamlSource): LocatedProblem {
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
    case 'type':
      code = 'wrong-type';
      message = `${where} must be of type ${(error.params as { type: string }).type}`;
      fix = `change the value to a ${(error.params as { type: string }).type}${described}`;
      break;
    case 'pattern':
      code = 'bad-format';
      message = `${where} has the value ${JSON.stringify(error.data)}, which does not match ${(error.params as { pattern: string }).pattern}`;
      fix = `write a value of the expected form${described}`;
      break;
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
      message = `${where} has the wrong shape`;
      fix = parent?.description ?? 'see the schema for the allowed forms';
      break;
    }
    case 'propertyNames':
      code = 'bad-key';
      message = `${where} has a key that is not allowed: ${JSON.stringify((error.params as { propertyName: string }).propertyName)}`;
      fix = `rename the key${described}`;
      break;
    default:
      message = `${where} ${error.message ?? 'is invalid'}`;
      fix = `correct the value${described}`;
  }
  return { code, ...pos, message, fix };
}
