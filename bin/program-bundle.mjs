// Our command-line programs (PROGRAMS), each run from its sources bundled into one ES module (chunks for what a
// command loads lazily), built on first use and kept under node_modules/.cache while every source it was built
// from is unchanged. Through tsx, each start loaded about 170 TypeScript modules through tsx's hooks on another
// thread: `esb-e2e --help` took 0.5 CPU s and `list` 1.6, `npm run testbed -- down` 1.0; bundled, 0.15, 1.0 and
// 0.45. Plain JavaScript, so that a start with a fresh bundle loads no tsx.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Each program's TypeScript entry, relative to the package root, by the name of its bundle: the CLI's composition
 * root (exports runCli) and the testbed's command (runs when imported).
 */
const PROGRAMS = {
  'cli-main': 'bin/cli-main.ts',
  'testbed-cli': 'testbed/cli/testbed-cli.ts',
};
/** The build cache's folder (runner/files/build-cache.ts), inside the package: node finds the packages above it. */
const CACHE = join(PACKAGE_ROOT, 'node_modules', '.cache', 'esb-e2e', 'programs');
/** Builds that no pointer names any more are removed after a day: a run started from one may still load chunks. */
const UNUSED_BUILD_MS = 24 * 60 * 60 * 1000;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

let tsxRegistered = false;

/** tsx's hooks, once: a failed build may have registered them already. */
async function registerTsx() {
  if (tsxRegistered) return;
  (await import('tsx/esm/api')).register();
  tsxRegistered = true;
}

function fileHash(path) {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * The pointer to a program's current build in this package, with every input's content hash. One per program
 * and package folder: a copy of the package (a test's scratch copy links node_modules) has its own sources and
 * so its own builds.
 */
const pointerFile = (program) => join(CACHE, `current-${program}-${sha256(PACKAGE_ROOT).slice(0, 12)}.json`);

/** The program of its current build, if each of its inputs still has the content it was built from. */
function freshProgram(program) {
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(pointerFile(program), 'utf8'));
  } catch {
    return undefined;
  }
  const fresh = Object.entries(pointer.inputs).every(([path, hash]) => fileHash(path) === hash);
  return fresh ? join(CACHE, pointer.build, `${program}.mjs`) : undefined;
}

/**
 * Builds a program's bundle into a fresh folder and points at it; the previous build stays for the runs that
 * use it.
 */
async function buildProgram(program) {
  // The build itself needs TypeScript: the bundle options and esbuild's plugin that keeps each file's
  // import.meta.url are ours (a start with a fresh bundle never comes here, so it loads no tsx).
  await registerTsx();
  const { build } = await import('esbuild');
  const { NODE_BUNDLE_OPTIONS } = await import('../runner/files/node-bundle-options.ts');
  const { SOURCE_URLS } = await import('../runner/node/source-urls-plugin.ts');
  const name = `build-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(CACHE, { recursive: true });
  const result = await build({
    // Chunks: a command's own modules (run's, the testbed's Docker code, a hook's S3 client) load only when it
    // needs them. The source map is read only under ESB_E2E_DEBUG (programUrl), for its stack traces.
    ...NODE_BUNDLE_OPTIONS,
    entryPoints: { [program]: join(PACKAGE_ROOT, PROGRAMS[program]) },
    outdir: join(CACHE, name),
    plugins: [SOURCE_URLS],
    absWorkingDir: PACKAGE_ROOT,
    metafile: true,
  });
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(PACKAGE_ROOT, input);
    const hash = fileHash(path);
    if (hash !== undefined) inputs[path] = hash;
  }
  const pointer = pointerFile(program);
  const written = `${pointer}.${name}`;
  writeFileSync(written, JSON.stringify({ build: name, inputs }));
  renameSync(written, pointer);
  pruneUnused(name);
  return join(CACHE, name, `${program}.mjs`);
}

/** Removes the builds of a day ago or more, but for the one just made (a pointer may name an older one). */
function pruneUnused(keep) {
  const named = new Set();
  for (const entry of readdirSync(CACHE))
    if (entry.startsWith('current-') && entry.endsWith('.json'))
      try {
        named.add(JSON.parse(readFileSync(join(CACHE, entry), 'utf8')).build);
      } catch {
        // being replaced
      }
  for (const entry of readdirSync(CACHE)) {
    if (!entry.startsWith('build-') || entry === keep || named.has(entry)) continue;
    try {
      if (Date.now() - statSync(join(CACHE, entry)).mtimeMs > UNUSED_BUILD_MS)
        rmSync(join(CACHE, entry), { recursive: true, force: true });
    } catch {
      // removed meanwhile by another start
    }
  }
}

/**
 * The URL to import a program from (PROGRAMS names it): its bundle, built now if the sources changed since the
 * last build; if no bundle can be had (a package folder that cannot be written, sources that do not build), its
 * TypeScript entry, with tsx registered to load it, which reports a source's error as a start without a bundle
 * would. Under ESB_E2E_DEBUG, stack traces name the TypeScript lines (the source map is read only then).
 */
export async function programUrl(program) {
  const debugging = !['', '0', 'false'].includes((process.env.ESB_E2E_DEBUG ?? '').trim().toLowerCase());
  if (debugging) process.setSourceMapsEnabled(true);
  try {
    return pathToFileURL(freshProgram(program) ?? (await buildProgram(program))).href;
  } catch {
    await registerTsx();
    return pathToFileURL(join(PACKAGE_ROOT, PROGRAMS[program])).href;
  }
}
