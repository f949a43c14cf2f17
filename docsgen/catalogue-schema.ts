import type { OperatorEntry } from '../assertions/operator-types.ts';
import type { HookDefinition } from '../hooks/hook-types.ts';
import type { JsonValue } from '../language/model/steps.ts';
import type { StepKindEntry } from '../runner/exec/step-kind-entry.ts';
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

/** What the schema needs of a step kind. */
export type StepKindSchemaEntry = Pick<StepKindEntry<never>, 'name' | 'properties' | 'defs' | 'observes'>;

/** The keys a step that observes a result may add (the base's own step properties after name and when). */
const OBSERVATION_KEYS = ['retry', 'poll', 'expect', 'capture'] as const;

/** `{required: [key], properties: {key: true}}`: "this key is given", in the form the schema uses throughout. */
const given = (key: string): JsonObject => ({ required: [key], properties: { [key]: true } });

const listed = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * Builds `$defs.step` from the step kinds, in table order: their properties after the base's name and when,
 * exactly one action key (oneOf), retry/poll/expect/capture only on kinds that observe a result, and each kind's
 * other keys (a hook's `with`) only on its own steps; their definitions follow `step` in `$defs`.
 */
function addStepKinds(schema: JsonObject, kinds: readonly StepKindSchemaEntry[]): void {
  const defs = objectAt(schema, ['$defs']);
  const base = objectAt(defs, ['step']);
  const baseProperties = objectAt(base, ['properties']);
  const properties: JsonObject = {};
  for (const key of ['name', 'when'])
    if (baseProperties[key] !== undefined) properties[key] = baseProperties[key];
  const ownKeys: [string, string[]][] = [];
  for (const kind of kinds) {
    const keys = Object.keys(kind.properties);
    if (keys[0] !== kind.name)
      throw new Error(`step kind ${kind.name}: its first property must be its action key '${kind.name}'`);
    for (const key of keys) {
      if (Object.hasOwn(properties, key) || Object.hasOwn(baseProperties, key))
        throw new Error(`step kind ${kind.name}: the step already has a property '${key}'`);
      properties[key] = structuredClone(kind.properties[key]) as JsonValue;
    }
    if (keys.length > 1) ownKeys.push([kind.name, keys.slice(1)]);
  }
  for (const [key, value] of Object.entries(baseProperties))
    if (!Object.hasOwn(properties, key)) properties[key] = value;
  const names = kinds.map((k) => k.name);
  const observing = kinds.filter((k) => k.observes).map((k) => k.name);
  const ownKeyText = ownKeys.map(
    ([kind, keys]) => `; ${kind} steps take ${keys.map((k) => `\`${k}\``).join(', ')}`,
  );
  const allOf: JsonValue[] = [
    {
      if: { not: { anyOf: observing.map(given) } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, plain data that nothing awaits
      then: { properties: Object.fromEntries(OBSERVATION_KEYS.map((key) => [key, false])) },
    },
    ...ownKeys.map(([kind, keys]) => ({
      if: { not: given(kind) },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, plain data that nothing awaits
      then: { properties: Object.fromEntries(keys.map((key) => [key, false])) },
    })),
    ...arrayAt(base, 'allOf', '$defs.step'),
  ];
  const { description: _generated, properties: _base, allOf: _baseAllOf, ...rest } = base;
  const step: JsonObject = {
    description: `One step: exactly one action key (${names.join(', ')}), optionally name and when. ${listed(observing)} steps may add retry, poll, expect and capture (applied in that order)${ownKeyText.join('')}.`,
    ...rest,
    properties,
    oneOf: names.map(given),
    allOf,
  };
  const entries = Object.entries(defs);
  for (const [key] of entries) delete defs[key];
  for (const [key, value] of entries) {
    defs[key] = key === 'step' ? step : value;
    if (key !== 'step') continue;
    for (const kind of kinds)
      for (const [name, def] of Object.entries(kind.defs ?? {})) {
        if (entries.some(([existing]) => existing === name) || Object.hasOwn(defs, name))
          throw new Error(
            `step kind ${kind.name}: ${CATALOGUE_SCHEMA_BASE} already has a definition '${name}'`,
          );
        defs[name] = structuredClone(def) as JsonValue;
      }
  }
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
 * Builds schema/catalog-file.schema.json from the hand-written base and the tables: the step kinds' properties
 * and definitions, the operators' keys and operand schemas; with `hooks`, each hook's `with` schema too.
 */
export function buildCatalogueSchema(
  base: unknown,
  steps: readonly StepKindSchemaEntry[],
  operators: readonly OperatorEntry[],
  hooks?: readonly HookSchemaEntry[],
): JsonObject {
  const schema = structuredClone(base) as JsonObject;
  addStepKinds(schema, steps);
  addOperators(schema, operators);
  if (hooks !== undefined) addHooks(schema, hooks);
  return schema;
}

/** The schema file's text, formatted as the project's formatter writes JSON. */
export function renderCatalogueSchema(
  baseText: string,
  steps: readonly StepKindSchemaEntry[],
  operators: readonly OperatorEntry[],
  hooks?: readonly HookSchemaEntry[],
): string {
  return formatJson(buildCatalogueSchema(JSON.parse(baseText), steps, operators, hooks));
}
