import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySchema, Options, ValidateFunction } from 'ajv';
import { ajvStandalone } from './lazy-packages.ts';

const require = createRequire(import.meta.url);
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** Where compiled validators are kept between processes: the usual home of tools' caches, inside the package. */
export const SCHEMA_CODE_CACHE = join(
  fileURLToPath(new URL('../../', import.meta.url)),
  'node_modules',
  '.cache',
  'esb-e2e',
);

/** Modules written this long ago are removed when another is written: a schema in use is compiled again, once. */
const OLD_MS = 24 * 60 * 60 * 1000;

function pruneOld(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith('schema-')) continue;
    const path = join(cacheDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > OLD_MS) rmSync(path, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}

/**
 * A validator for a schema, compiled once and then loaded as the JavaScript ajv generated for it (ajv's
 * standalone code, a CommonJS module named by the hash of the schema, ajv's version and options): compiling the
 * catalogue file's schema took each process that loads the catalogue (the CLI, every node:test process on plain
 * node:test, the docs generator) about 0.3 s with the hooks' schemas. The same code ajv would run, so the same
 * errors. A module that cannot be loaded (the package moved) is compiled and written again; a cache that cannot be
 * written only costs the compile.
 */
export function cachedValidator(
  ajv: Parameters<ReturnType<typeof ajvStandalone>>[0],
  /** The options `ajv` was made with: the generated code depends on them. */
  options: Options,
  schemaText: string,
  cacheDir = SCHEMA_CODE_CACHE,
): ValidateFunction {
  const key = createHash('sha256')
    .update(JSON.stringify({ ajv: AJV_VERSION, class: ajv.constructor.name, options, schemaText }))
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `schema-${key}.cjs`);
  try {
    return require(file) as ValidateFunction;
  } catch {
    // not compiled yet (or unreadable): compiled below
  }
  const validate = ajv.compile(JSON.parse(schemaText) as AnySchema);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Whole or not at all: another process may read it the moment it appears.
    const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
    // The code requires ajv's runtime helpers by name; named by their path here, it loads from any folder.
    const code = ajvStandalone()(ajv, validate).replace(
      /require\("(ajv\/dist\/runtime\/[\w./-]+)"\)/g,
      (_, name: string) => `require(${JSON.stringify(require.resolve(name))})`,
    );
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneOld(cacheDir);
  } catch {
    // a cache that cannot be written: the next process compiles again
  }
  return validate;
}
