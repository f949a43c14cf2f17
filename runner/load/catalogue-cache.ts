import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { readCatalogueSnapshot, snapshotTexts, writeCatalogueSnapshot } from './catalogue-snapshot.ts';
import { CATALOGUE_DIR, type CatalogueLoadOptions, loadCatalogue, MATRIX_FILE } from './load-catalogue.ts';
import { ESB_REVISIONS_FILE } from './load-esb-revisions.ts';
import { listFolder } from './project-files.ts';
import type { SchemaName } from './schema-check.ts';
import { SCHEMA_CODE_CACHE } from './schema-code-cache.ts';
import { schemaFiles } from './schema-line.ts';

/**
 * The catalogue of a project as it was last loaded, kept under node_modules/.cache/esb-e2e/catalogue/ and used
 * while nothing it was loaded from has changed: parsing and checking the YAML took every process that loads the
 * catalogue (the CLI, each node:test process on plain node:test, the docs generator) about half a CPU second.
 *
 * The key is everything the loader reads: the project's root and the ESB revision asked for, the names and bytes
 * of every file under catalog/, of the matrix and of the revisions file, which schema files a modeline may name there (schema-line.ts), and the loader itself (its
 * sources and schemas, the YAML and JSON Schema packages' versions). Only a catalogue that loaded without a
 * problem is kept; a broken one is loaded, and reported, each time.
 */

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Beside the compiled schema validators, in the package's cache folder. */
const CACHE_DIR = join(SCHEMA_CODE_CACHE, 'catalogue');
/** What the loader is made of: its sources and the schemas it validates against. */
const LOADER_FOLDERS = ['language', 'runner', 'assertions', 'hooks', 'schema'];
const LOADER_PACKAGES = ['yaml', 'ajv'];
const SCHEMAS: readonly SchemaName[] = ['catalog-file', 'categories', 'test-matrix', 'esb-revisions'];
/** Another project's entries are removed this long after they were written. */
const OLD_MS = 24 * 60 * 60 * 1000;

const sha256 = () => createHash('sha256');
let loaderIdentity: string | undefined;

/** The hash of the loader's sources and schemas, and of the packages it parses and validates with. */
function loaderHash(): string {
  if (loaderIdentity !== undefined) return loaderIdentity;
  const hash = sha256();
  for (const folder of LOADER_FOLDERS) {
    const files = readdirSync(join(PACKAGE_ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  }
  const require = createRequire(import.meta.url);
  for (const name of LOADER_PACKAGES)
    hash.update(`${name}\0`).update(readFileSync(require.resolve(`${name}/package.json`)));
  loaderIdentity = hash.digest('hex');
  return loaderIdentity;
}

/** The key of the catalogue under `root` as it is now; undefined when the load is bound to report a problem. */
function catalogueKey(root: string, options: CatalogueLoadOptions): string | undefined {
  try {
    const listing = listFolder(root, CATALOGUE_DIR);
    if (listing.diagnostics.length > 0) return undefined;
    const hash = sha256().update(`${loaderHash()}\0${resolve(root)}\0${options.esb ?? ''}\0`);
    // The revisions file is optional: whether it is there is part of the key.
    const revisions = existsSync(join(root, ESB_REVISIONS_FILE)) ? [ESB_REVISIONS_FILE] : [];
    for (const file of [...listing.files, MATRIX_FILE, ...revisions])
      hash
        .update(`${file}\0`)
        .update(readFileSync(join(root, file)))
        .update('\0');
    for (const schema of SCHEMAS) hash.update(`${schema}\0${schemaFiles(root, schema).join('\0')}\0`);
    return hash.digest('hex');
  } catch {
    // A folder or file that is not there or cannot be read: the loader says which.
    return undefined;
  }
}

/**
 * Entries are named after their project's root and the revision asked for, then their key: a project keeps only
 * its latest load of each revision.
 */
const rootPrefix = (root: string, options: CatalogueLoadOptions) =>
  `${sha256()
    .update(`${resolve(root)}\0${options.esb ?? ''}`)
    .digest('hex')
    .slice(0, 16)}-`;

/**
 * The cache's entries for the project under `root` and a revision (at most one but while another process writes
 * its own).
 */
export function catalogueCacheEntries(root: string, options: CatalogueLoadOptions = {}): string[] {
  try {
    return readdirSync(CACHE_DIR)
      .filter((entry) => entry.startsWith(rootPrefix(root, options)) && entry.endsWith('.json'))
      .map((entry) => join(CACHE_DIR, entry));
  } catch {
    return [];
  }
}

/**
 * The cache entry each catalogue this process loaded came from or was kept in: a snapshot of exactly that
 * catalogue (catalogue-snapshot.ts), which `esb-e2e run` hands to its processes as it is instead of writing
 * another (entries are put in place by a rename and never changed, so a link or copy of one stays what it was).
 */
const entries = new WeakMap<Catalogue, string>();

/** The cache entry that holds `catalogue` as loadCatalogueCached gave it, if there is one. */
export function cachedSnapshotOf(catalogue: Catalogue): string | undefined {
  const entry = entries.get(catalogue);
  return entry !== undefined && existsSync(entry) ? entry : undefined;
}

function keep(catalogue: Catalogue, root: string, options: CatalogueLoadOptions, key: string): void {
  const prefix = rootPrefix(root, options);
  const name = `${prefix}${key.slice(0, 32)}.json`;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const written = join(CACHE_DIR, `.${name}.${randomBytes(4).toString('hex')}`);
    writeCatalogueSnapshot(catalogue, written);
    // The texts first: an entry in place always has its texts beside it.
    renameSync(snapshotTexts(written), snapshotTexts(join(CACHE_DIR, name)));
    renameSync(written, join(CACHE_DIR, name));
    entries.set(catalogue, join(CACHE_DIR, name));
    for (const entry of readdirSync(CACHE_DIR)) {
      if (entry === name || join(CACHE_DIR, entry) === snapshotTexts(join(CACHE_DIR, name))) continue;
      const path = join(CACHE_DIR, entry);
      if (entry.startsWith(prefix) || Date.now() - statSync(path).mtimeMs > OLD_MS)
        rmSync(path, { force: true });
    }
  } catch {
    // A cache that cannot be written costs the next process a load, nothing else.
  }
}

/**
 * The catalogue under `root`, as loadCatalogue gives it (and throwing what it throws): from the cache when
 * nothing it was loaded from has changed since, else loaded and kept for the next process.
 */
export function loadCatalogueCached(root: string, options: CatalogueLoadOptions = {}): Catalogue {
  const key = catalogueKey(root, options);
  if (key !== undefined) {
    const entry = join(CACHE_DIR, `${rootPrefix(root, options)}${key.slice(0, 32)}.json`);
    const hit = readCatalogueSnapshot(entry, root);
    if (hit !== undefined) {
      const catalogue = { ...hit, root };
      entries.set(catalogue, entry);
      return catalogue;
    }
  }
  const catalogue = loadCatalogue(root, options);
  // Kept only if no file changed while it loaded: the entry must hold what its key names.
  if (key !== undefined && catalogueKey(root, options) === key) keep(catalogue, root, options, key);
  return catalogue;
}
