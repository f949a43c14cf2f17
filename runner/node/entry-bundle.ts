import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedBuild, DEFAULT_BUILD_CACHE } from '../files/build-cache.ts';
import { NODE_BUNDLE_OPTIONS } from '../files/node-bundle-options.ts';
import { type CompiledEntry, compileEntryFiles } from './entry-compile.ts';
import { SOURCE_URLS } from './source-urls-plugin.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The entry API and the reporter, bundled for the node:test processes of one run, and its entry files compiled. */
export interface EntryBundle {
  /** What `import … from 'esb-e2e'` gives an entry file there: the bundled api/entry.ts, as a file URL. */
  readonly api: string;
  /** The bundled jsonl-reporter.ts, for --test-reporter. */
  readonly reporter: string;
  /** The bundled entry-group-main.ts: the program of the process. */
  readonly groupMain: string;
  /** The compiled form of each entry file of the run that has one (entry-compile.ts), by the entry file's path. */
  readonly entries: Readonly<Record<string, CompiledEntry>>;
  /**
   * Whether the bundle finds the packages it imports by itself (it lies inside the package, above its
   * node_modules): without, its processes need the resolve hook (entry-bundle-hooks.mjs) for them.
   */
  readonly packagesResolve: boolean;
}

/** Whether bare imports from `dir` find the package's own dependencies (node walks up to a node_modules). */
function packagesResolveFrom(dir: string): boolean {
  try {
    const from = createRequire(join(dir, 'probe.mjs'));
    return from.resolve('yaml') === createRequire(join(PACKAGE_ROOT, 'package.json')).resolve('yaml');
  } catch {
    return false;
  }
}

/**
 * The run's processes load what the run prepares for them (the bundle, the compiled entry files) from a folder
 * here, inside the package: from there the bundle finds the packages it imports the way its sources do, without
 * a resolve hook. Each run has a folder of its own, removed when it ends; one a killed run left is removed by a
 * later run after a day.
 */
export const RUN_BUNDLES_DIR = join(DEFAULT_BUILD_CACHE, 'runs');
const LEFT_BEHIND_MS = 24 * 60 * 60 * 1000;

/** A fresh folder for one run's bundle in RUN_BUNDLES_DIR, after removing those killed runs left behind. */
export function runBundleFolder(): string {
  mkdirSync(RUN_BUNDLES_DIR, { recursive: true });
  for (const name of readdirSync(RUN_BUNDLES_DIR)) {
    const path = join(RUN_BUNDLES_DIR, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > LEFT_BEHIND_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another run
    }
  }
  return mkdtempSync(join(RUN_BUNDLES_DIR, 'run-'));
}

/**
 * Bundles the entry API, the group program and the reporter into `outDir` (chunks shared). Through tsx, a
 * node:test process loads about 170 TypeScript modules, each answered by tsx's hooks from another thread;
 * bundled, ours load as one: about 0.3 CPU s less per process (2.6 instead of 2.9 for one environment's main
 * phase). With the entry files compiled beside it (entry-compile.ts: no tsx) and the run's catalogue snapshot (no
 * YAML parsing), a process gets to its first request on about 1.1 CPU s. Built through the build cache
 * (runner/files/build-cache.ts): once until one of its sources changes, so it cannot be stale, instead of once
 * per run (0.4 s and 0.7 CPU s, the larger part of a one-case run's start). Packages stay outside it, loaded from
 * node_modules as before.
 */
export async function buildEntryBundle(
  outDir: string,
  entryFiles: readonly string[] = [],
): Promise<EntryBundle> {
  const api = pathToFileURL(join(outDir, 'api.mjs')).href;
  const compiling = compileEntryFiles(join(outDir, 'entries'), entryFiles, api);
  await cachedBuild(
    'entry-bundle',
    {
      entryPoints: {
        api: join(PACKAGE_ROOT, 'api', 'entry.ts'),
        'jsonl-reporter': join(PACKAGE_ROOT, 'runner', 'node', 'jsonl-reporter.ts'),
        'entry-group-main': join(PACKAGE_ROOT, 'runner', 'node', 'entry-group-main.ts'),
      },
      // Shared chunks: the entry files' API and the process's program are one module instance, and the reporter
      // meets the cases in the same modules.
      ...NODE_BUNDLE_OPTIONS,
      plugins: [SOURCE_URLS],
    },
    outDir,
  );
  return {
    api,
    packagesResolve: packagesResolveFrom(outDir),
    reporter: join(outDir, 'jsonl-reporter.mjs'),
    groupMain: join(outDir, 'entry-group-main.mjs'),
    entries: await compiling,
  };
}
