import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, version } from 'esbuild';
import { linkOrCopy } from './link-or-copy.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where built outputs are kept between runs: the usual home of tools' caches (node_modules/.cache), inside the
 * package, so that the testbed's containers (which mount the package) can read what is linked from it.
 */
export const DEFAULT_BUILD_CACHE = join(PACKAGE_ROOT, 'node_modules', '.cache', 'esb-e2e');

/** What an entry records of the build it holds: every input file and the sha256 of its content. */
const MANIFEST = 'build-inputs.json';

/** Entries of a name that no run has used for this long are removed when that name is built anew. */
const UNUSED_ENTRY_MS = 60 * 60 * 1000;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function fileHash(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * The key of a build: esbuild's version, the options and the package lock (a dependency changed in place
 * changes its files, which the manifest catches; one resolved differently changes the lock).
 */
function buildKey(options: BuildOptions): string {
  const lock = fileHash(join(PACKAGE_ROOT, 'package-lock.json')) ?? '';
  return sha256(JSON.stringify({ esbuild: version, options, lock })).slice(0, 16);
}

/** An entry is fresh when each of its inputs still has the content it was built from. */
function isFresh(entryDir: string): boolean {
  let inputs: Record<string, string>;
  try {
    inputs = JSON.parse(readFileSync(join(entryDir, MANIFEST), 'utf8')).inputs;
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([path, hash]) => fileHash(path) === hash);
}

/**
 * Puts a build's output in place with hard links (a copy where links cannot be made), replacing what is there
 * by the same names. Chunk names carry content hashes, so the folder `chunkNames` puts them in is emptied first:
 * a previous build's chunks would stay beside the new ones.
 */
function placeOutput(from: string, to: string, options: BuildOptions): void {
  const chunkFolder = options.chunkNames?.includes('/') ? options.chunkNames.split('/')[0] : undefined;
  if (chunkFolder !== undefined) rmSync(join(to, chunkFolder), { recursive: true, force: true });
  linkTree(from, to);
}

function linkTree(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (top && entry.name === MANIFEST) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    // A previous build's file of the same name, or its chunk folder (chunk names carry content hashes).
    if (top) rmSync(target, { recursive: true, force: true });
    if (entry.isDirectory()) linkTree(source, target, false);
    else linkOrCopy(source, target);
  }
}

/** Removes the entries and unfinished builds of a name that no run has used for a while. */
function pruneUnused(cacheDir: string, name: string, keep: string): void {
  for (const entry of readdirSync(cacheDir)) {
    const path = join(cacheDir, entry);
    if (path === keep || !entry.startsWith(`${name}-`)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > UNUSED_ENTRY_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another run
    }
  }
}

/** Builds into a fresh folder beside the entry and records the inputs; returns the folder. */
async function buildEntry(options: BuildOptions, entryDir: string): Promise<string> {
  const folder = `${entryDir}.build-${process.pid}-${randomBytes(4).toString('hex')}`;
  const result = await build({ ...options, absWorkingDir: PACKAGE_ROOT, outdir: folder, metafile: true });
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(PACKAGE_ROOT, input);
    const hash = fileHash(path);
    // Inputs of esbuild's own namespaces (not files) have no content to check.
    if (hash !== undefined) inputs[path] = hash;
  }
  writeFileSync(join(folder, MANIFEST), JSON.stringify({ inputs }));
  return folder;
}

/** Builds of this process still running, by entry: the testbeds of one run start side by side. */
const building = new Map<string, Promise<void>>();

async function ensureEntry(
  options: BuildOptions,
  cacheDir: string,
  entryDir: string,
  name: string,
): Promise<void> {
  if (isFresh(entryDir)) {
    // Marked as used, so that pruning leaves it alone.
    const now = new Date();
    utimesSync(entryDir, now, now);
    return;
  }
  const folder = await buildEntry(options, entryDir);
  // Another process may have put a fresh entry in place meanwhile; either is as good as the other.
  rmSync(entryDir, { recursive: true, force: true });
  try {
    renameSync(folder, entryDir);
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
  pruneUnused(cacheDir, name, entryDir);
}

/**
 * Runs an esbuild build into `outDir` through a cache: an entry per build key holds the output and the content
 * hash of every input, and is reused (hard-linked into `outDir`) while every input is unchanged, so a run that
 * starts four testbeds, or a test process that starts a stack, bundles the worker runtime once, or never if
 * nothing changed since the last run. A cache that cannot be written falls back to a plain build into `outDir`.
 */
export async function cachedBuild(
  name: string,
  options: Omit<BuildOptions, 'outdir' | 'metafile' | 'absWorkingDir'>,
  outDir: string,
  cacheDir = DEFAULT_BUILD_CACHE,
): Promise<void> {
  const entryDir = join(cacheDir, `${name}-${buildKey(options)}`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    let pending = building.get(entryDir);
    if (pending === undefined) {
      pending = ensureEntry(options, cacheDir, entryDir, name).finally(() => building.delete(entryDir));
      building.set(entryDir, pending);
    }
    await pending;
    placeOutput(entryDir, outDir, options);
    return;
  } catch (error) {
    // A build error is the sources' and is reported as such; anything else is the cache's, and is bypassed.
    if (error instanceof Error && 'errors' in error) throw error;
  }
  const folder = await buildEntry(options, join(outDir, `.${name}`));
  try {
    placeOutput(folder, outDir, options);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
