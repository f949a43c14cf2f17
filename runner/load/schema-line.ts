import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import type { SchemaName } from './schema-check.ts';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

/** Where a repository that depends on esb-e2e finds the schemas: the installed package's schema/ folder. */
const INSTALLED_SCHEMA_DIR = join('node_modules', 'esb-e2e', 'schema');

/**
 * The schema files a modeline may name, the one to suggest first: the project's own schema/ (this package, or
 * a project that keeps a copy), else esb-e2e's schema/ in a node_modules at or above the root (a repository that
 * installed it; also a hoisted install), when it is there.
 */
export function schemaFiles(root: string, schema: SchemaName): readonly string[] {
  const name = `${schema}.schema.json`;
  const own = join(root, 'schema', name);
  const installed: string[] = [];
  for (let folder = root; ; folder = dirname(folder)) {
    const file = join(folder, INSTALLED_SCHEMA_DIR, name);
    if (existsSync(file)) installed.push(file);
    if (dirname(folder) === folder) break;
  }
  return existsSync(own) || installed.length === 0 ? [own, ...installed] : [...installed, own];
}

/**
 * Every YAML file starts with a yaml-language-server modeline naming its schema, so editors complete and
 * validate it. The path must lead, from the file, to the schema of the right kind: the project's schema/, or
 * the installed esb-e2e package's (node_modules/esb-e2e/schema/).
 */
export function checkSchemaLine(root: string, file: string, text: string, schema: SchemaName): Diagnostic[] {
  const absolute = join(root, file);
  const accepted = schemaFiles(root, schema).map((path) =>
    relative(dirname(absolute), path).replaceAll('\\', '/'),
  );
  const expected = accepted[0] as string;
  const fix = `make the first line: # yaml-language-server: $schema=${expected}`;
  const first = text.split('\n')[0] ?? '';
  const match = MODELINE.exec(first);
  const base = { file, line: 1, col: 1, caseIds: [] as string[], fix };
  if (!match) {
    return [
      {
        ...base,
        code: 'missing-schema-line',
        span: Math.max(1, first.length),
        message: 'the file does not start with a yaml-language-server $schema line',
      },
    ];
  }
  const named = match[1] ?? '';
  const col = first.indexOf(named) + 1;
  if (!accepted.includes(named)) {
    return [
      {
        ...base,
        code: 'wrong-schema-line',
        col,
        span: named.length,
        message: `the $schema line names ${named}, not this file's schema ${expected}`,
      },
    ];
  }
  return [];
}
