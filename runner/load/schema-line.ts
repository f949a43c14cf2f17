import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import type { SchemaName } from './schema-check.ts';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

/**
 * Every YAML file starts with a yaml-language-server modeline naming its schema, so editors complete and
 * validate it. The path must lead, from the file, to the project's schema of the right kind.
 */
export function checkSchemaLine(root: string, file: string, text: string, schema: SchemaName): Diagnostic[] {
  const absolute = join(root, file);
  const expected = relative(dirname(absolute), join(root, 'schema', `${schema}.schema.json`)).replaceAll(
    '\\',
    '/',
  );
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
  if (named !== expected) {
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
