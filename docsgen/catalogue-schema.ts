import type { OperatorEntry } from '../assertions/operator-types.ts';
import type { HookDefinition } from '../hooks/hook-types.ts';
import type { JsonValue } from '../language/model/steps.ts';
import { HOOK_ARGUMENTS_DEF } from '../runner/load/hook-arguments-def.ts';
import { formatJson } from './format-json.ts';

/** The generated catalogue schema and the hand-written base it grows from, relative to the project root. */
export const CATALOGUE_SCHEMA = 'schema/catalog-file.schema.json';
export const CATALOGUE_SCHEMA_BASE = 'schema/catalog-file.base.json';

/** What the schema needs of a hook: its name and the schema of its `with`. */
export type HookSchemaEntry = Pick<HookDefinition, 'name' | 'withSchema'>;

type JsonObject = { [key: string]: JsonValue };

function objectAt(node: JsonObject, path: readonly string[]): JsonObject {
  let here: JsonValue = node;
  for (const key of path) {
    const next: JsonValue | undefined =
      here !== null && typeof here === 'object' && !Array.isArray(here) ? here[key] : undefined;
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next))
      throw new Error(`${CATALOGUE_SCHEMA_BASE}: ${path.join('.')} must be an object`);
    here = next;
  }
  return here as JsonObject;
}

function arrayAt(node: JsonObject, key: string, where: string): JsonValue[] {
  const value = node[key];
  if (!Array.isArray(value)) throw new Error(`${CATALOGUE_SCHEMA_BASE}: ${where}.${key} must be an array`);
  return value;
}

/**
 * Adds the operators to `$defs.assertion`: each one's operand schema after the base's properties (subjects,
 * modifiers), and a "this operator is given" branch of the anyOf before the base's (assert, any_of), in table
 * order. An assertion then needs at least one operator, a nested assert or any_of, as before.
 */
function addOperators(schema: JsonObject, operators: readonly OperatorEntry[]): void {
  const assertion = objectAt(schema, ['$defs', 'assertion']);
  const properties = objectAt(assertion, ['properties']);
  const choices = arrayAt(assertion, 'anyOf', '$defs.assertion');
  for (const { name, operandSchema } of operators) {
    if (Object.hasOwn(properties, name))
      throw new Error(`operator ${name}: ${CATALOGUE_SCHEMA_BASE} already has an assertion key '${name}'`);
    properties[name] = structuredClone(operandSchema) as JsonObject;
  }
  const operatorChoices = operators.map(({ name }) => ({ required: [name], properties: { [name]: true } }));
  assertion.anyOf = [...operatorChoices, ...choices];
}

/**
 * Embeds each hook's `with` schema, keyed on the step's `hook` name: `$defs.hookArguments` has one if/then per
 * hook (an unknown name matches none, so the loader's unknown-hook diagnostic stays its own), and every step
 * refers to it. The `hook` property's description names the hooks in table order.
 */
function addHooks(schema: JsonObject, hooks: readonly HookSchemaEntry[]): void {
  const defs = objectAt(schema, ['$defs']);
  const step = objectAt(defs, ['step']);
  const hook = objectAt(step, ['properties', 'hook']);
  const names = hooks.map((h) => h.name);
  hook.description = `A hook registered in hooks/hook-table.ts (${names.join(', ')}): lower-case letters, digits and underscores; it returns a JSON document.`;
  const perHook = hooks.map(({ name, withSchema }) => ({
    if: { required: ['hook'], properties: { hook: { const: name } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, plain data that nothing awaits
    then: { properties: { with: structuredClone(withSchema) as JsonObject } },
  }));
  arrayAt(step, 'allOf', '$defs.step').push({ $ref: `#/$defs/${HOOK_ARGUMENTS_DEF}` });
  // Placed right after `step`, the definition it belongs to.
  const entries = Object.entries(defs);
  for (const [key] of entries) delete defs[key];
  for (const [key, value] of entries) {
    defs[key] = value;
    if (key === 'step')
      defs[HOOK_ARGUMENTS_DEF] = {
        type: 'object',
        description:
          "Each hook's `with` schema, from hooks/hook-table.ts: the step's `with` must meet the schema of the hook it names.",
        allOf: perHook,
      };
  }
}

/**
 * Builds schema/catalog-file.schema.json from the hand-written base and the tables: the operators' keys and
 * operand schemas; with `hooks`, each hook's `with` schema too.
 */
export function buildCatalogueSchema(
  base: unknown,
  operators: readonly OperatorEntry[],
  hooks?: readonly HookSchemaEntry[],
): JsonObject {
  const schema = structuredClone(base) as JsonObject;
  addOperators(schema, operators);
  if (hooks !== undefined) addHooks(schema, hooks);
  return schema;
}

/** The schema file's text, formatted as the project's formatter writes JSON. */
export function renderCatalogueSchema(
  baseText: string,
  operators: readonly OperatorEntry[],
  hooks?: readonly HookSchemaEntry[],
): string {
  return formatJson(buildCatalogueSchema(JSON.parse(baseText), operators, hooks));
}
