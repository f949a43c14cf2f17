import { createRequire } from 'node:module';
// ajv ships CommonJS; under NodeNext its class and function arrive as the module's default property.
import type Ajv2020Module from 'ajv/dist/2020.js';
import type AjvStandaloneModule from 'ajv/dist/standalone/index.js';
import type * as YamlModule from 'yaml';

/**
 * The packages that parse and validate YAML, loaded on first use rather than with the modules that use them: a
 * process that takes the catalogue from a snapshot or the cache (catalogue-cache.ts) parses no YAML until it
 * shows a position, and compiles no schema. Loading yaml and ajv cost each such process about 0.15 CPU s.
 */
const require = createRequire(import.meta.url);

let yaml: typeof YamlModule | undefined;
/** The yaml package (its checks call this per node: the module is kept, not looked up again each time). */
export const yamlPackage = (): typeof YamlModule => {
  yaml ??= require('yaml') as typeof YamlModule;
  return yaml;
};

/** ajv's JSON Schema 2020-12 class. */
export const ajv2020Class = (): typeof Ajv2020Module.default => require('ajv/dist/2020.js').default;

/** ajv's standalone code generator. */
export const ajvStandalone = (): typeof AjvStandaloneModule.default =>
  require('ajv/dist/standalone/index.js').default;
