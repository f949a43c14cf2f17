import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { closestName, didYouMean } from './closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

/** The JSON Schemas that catalogue, category and matrix files are checked against. */
export type SchemaName = 'catalog-file' | 'categories' | 'test-matrix';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));
// ajv ships CommonJS; under NodeNext its class arrives as the module's default property.
const Ajv2020 = Ajv2020Module.default;
const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
const validators = new Map<SchemaName, ValidateFunction>();

export function schemaPath(name: SchemaName): string {
  return `${schemaDir}${name}.schema.json`;
}

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath(name), 'utf8')));
    validators.set(name, validate);
  }
  return validate;
}

/** Checks parsed YAML against a schema; returns one diagnostic per distinct problem, located in the file. */
export function checkSchema(
  name: SchemaName,
  source: YamlSource,
  caseIdsAt: (path: DataPath, data: unknown) => string[],
): Diagnostic[] {
  const validate = validatorFor(name);
  if (validate(source.data)) return [];
  const errors = selectErrors(validate.errors ?? []);
  return errors.map((error) => toDiagnostic(error, source, caseIdsAt));
}

/**
 * ajv reports every failed branch of a oneOf plus the oneOf itself; a reader wants one message per place.
 * When a branch of the value's own type failed on something specific (a pattern, a missing key), report
 * that; when every branch failed on type, report the oneOf as a wrong shape. A key that is unknown and
 * close to a missing required key is one typo, reported once as the unknown key.
 */
function selectErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  // Errors raised inside propertyNames repeat the propertyNames error itself.
  let kept = errors.filter((e) => e.propertyName === undefined || e.keyword === 'propertyNames');
  for (const choice of kept.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
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

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePath(path: DataPath): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function toDiagnostic(
  error: ErrorObject,
  source: YamlSource,
  caseIdsAt: (path: DataPath, data: unknown) => string[],
): Diagnostic {
  const path = pointerToPath(error.instancePath);
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
    case 'anyOf':
      code = 'wrong-shape';
      message = `${where} has the wrong shape`;
      fix = parent?.description ?? 'see the schema for the allowed forms';
      break;
    case 'propertyNames':
      code = 'bad-key';
      message = `${where} has a key that is not allowed: ${JSON.stringify((error.params as { propertyName: string }).propertyName)}`;
      fix = `rename the key${described}`;
      break;
    default:
      message = `${where} ${error.message ?? 'is invalid'}`;
      fix = `correct the value${described}`;
  }
  return { code, file: source.file, ...pos, caseIds: caseIdsAt(path, source.data), message, fix };
}
