import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from './diagnostic.ts';
import { isHookArgumentsError } from './hook-arguments-def.ts';
import { ajv2020Class } from './lazy-packages.ts';
import { cachedValidator } from './schema-code-cache.ts';
import { type CaseIdsAt, schemaErrorDiagnostics } from './schema-diagnostic.ts';
import type { YamlSource } from './yaml-source.ts';

/** The JSON Schemas that catalogue, category, matrix and accepted-survivors files are checked against. */
export type SchemaName =
  | 'catalog-file'
  | 'categories'
  | 'test-matrix'
  | 'esb-revisions'
  | 'mutation-accepted';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));
// code.source: the generated code is kept, so that a validator can be cached as code (schema-code-cache.ts).
const AJV_OPTIONS = { strict: true, allErrors: true, verbose: true, code: { source: true } } as const;
type Ajv2020 = InstanceType<ReturnType<typeof ajv2020Class>>;
let ajvInstance: Ajv2020 | undefined;
/** One ajv for every schema, made when the first one is needed (lazy-packages.ts). */
const ajv = (): Ajv2020 => {
  ajvInstance ??= new (ajv2020Class())(AJV_OPTIONS);
  return ajvInstance;
};
const validators = new Map<SchemaName, ValidateFunction>();

export function schemaPath(name: SchemaName): string {
  return `${schemaDir}${name}.schema.json`;
}

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = cachedValidator(ajv(), AJV_OPTIONS, readFileSync(schemaPath(name), 'utf8'));
    validators.set(name, validate);
  }
  return validate;
}

/**
 * Compiles a schema that is not one of the project's files (a hook's `with`), with the same strict options,
 * so its errors turn into diagnostics the same way.
 */
export function compileSchema(schema: object): ValidateFunction {
  return cachedValidator(ajv(), AJV_OPTIONS, JSON.stringify(schema));
}

/** Checks parsed YAML against a schema; returns one diagnostic per distinct problem, located in the file. */
export function checkSchema(name: SchemaName, source: YamlSource, caseIdsAt: CaseIdsAt): Diagnostic[] {
  const validate = validatorFor(name);
  if (validate(source.data)) return [];
  const errors = (validate.errors ?? []).filter((e) => !isHookArgumentsError(e.schemaPath));
  return schemaErrorDiagnostics(errors, source, caseIdsAt);
}
