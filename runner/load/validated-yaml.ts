import type { DataPath } from '../../language/model/data-path.ts';
import type { Diagnostic } from './diagnostic.ts';
import { checkSchema, type SchemaName } from './schema-check.ts';
import { checkSchemaLine } from './schema-line.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export type ValidatedYaml =
  | { source: YamlSource; diagnostics: Diagnostic[] }
  | { source: undefined; diagnostics: Diagnostic[] };

/**
 * The first three steps every YAML file of the project goes through: parse (core schema, alias limit),
 * check the $schema modeline, validate against the schema. `source` is set only when all three passed.
 */
export function parseAndValidate(
  root: string,
  file: string,
  text: string,
  schema: SchemaName,
  caseIdsAt: (path: DataPath, data: unknown) => string[] = () => [],
): ValidatedYaml {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return { source: undefined, diagnostics: parsed.diagnostics };
  const diagnostics = [
    ...checkSchemaLine(root, file, text, schema),
    ...checkSchema(schema, parsed.source, caseIdsAt),
  ];
  return diagnostics.length > 0 ? { source: undefined, diagnostics } : { source: parsed.source, diagnostics };
}
