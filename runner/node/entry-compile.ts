import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { cachedBuild } from '../files/build-cache.ts';
import { SOURCE_URLS } from './source-urls-plugin.ts';

/** A bare import the compiled file leaves to node: a package, or a builtin. */
const BARE = /^[^./]/;
/** Files only tsx can load: a package that ships TypeScript sources (as esb-e2e/api does). */
const TYPESCRIPT = /\.[cm]?tsx?$/;
const RESOLVING = Symbol('resolving');

/**
 * Keeps every bare import outside the compiled file, for node to resolve as from the entry file's place
 * (entry-bundle-resolve.mjs); notes one that leads to TypeScript, which node cannot load without tsx.
 */
function packagesOutside(typescript: string[], bare: Set<string>): Plugin {
  return {
    name: 'packages-outside',
    setup(bundler) {
      bundler.onResolve({ filter: BARE }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        bare.add(args.path);
        if (args.path !== 'esb-e2e') {
          const resolved = await bundler.resolve(args.path, {
            kind: args.kind,
            resolveDir: args.resolveDir,
            importer: args.importer,
            pluginData: RESOLVING,
          });
          if (resolved.errors.length > 0) return undefined;
          if (TYPESCRIPT.test(resolved.path)) typescript.push(args.path);
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/** What a compiled entry file holds beside its code: whether node can run it without tsx. */
const VERDICT = 'compile-verdict.json';

interface Verdict {
  /** Bare imports that lead to TypeScript. */
  readonly typescript: readonly string[];
  /** Every bare import the compiled file leaves to node. */
  readonly bare: readonly string[];
  /** An import esbuild could not follow (a computed path), which may reach TypeScript at run time. */
  readonly unfollowed: boolean;
}

/** Writes the verdict beside the build's output when the build has ended, so that the build cache keeps it too. */
function verdictBeside(typescript: string[], bare: Set<string>): Plugin {
  return {
    name: 'entry-verdict',
    setup(bundler) {
      bundler.onEnd((result) => {
        const outdir = bundler.initialOptions.outdir;
        if (result.errors.length > 0 || outdir === undefined) return;
        const verdict: Verdict = {
          typescript,
          bare: [...bare].sort(),
          unfollowed: result.warnings.some((w) => /will not be bundled/.test(w.text)),
        };
        mkdirSync(outdir, { recursive: true });
        writeFileSync(join(outdir, VERDICT), JSON.stringify(verdict));
      });
    },
  };
}

/** An entry file the run compiled: its JavaScript, and a copy that needs no resolve hook, when it can have one. */
export interface CompiledEntry {
  readonly file: string;
  /**
   * Imports `esb-e2e` and any other bare name as written, for node to resolve as from the entry file's folder:
   * only the run's resolve hook (entry-bundle-resolve.mjs) does that.
   */
  readonly compiled: string;
  /**
   * The same code with `esb-e2e` pointing at the run's bundle, for a file that imports no other package (node's
   * builtins aside): it loads without the resolve hook, whose loader thread costs a case process 0.1 s.
   */
  readonly standalone?: string;
}

/** Node's builtins, which resolve the same from anywhere. */
const BUILTIN = new Set(builtinModules);
const isBuiltin = (name: string) => name.startsWith('node:') || BUILTIN.has(name);

/** `from "esb-e2e"`, `import("esb-e2e")` and `import "esb-e2e"` as esbuild writes them. */
const API_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)"esb-e2e"/g;

/**
 * One entry file as plain JavaScript in `outDir`, or undefined when it stays with tsx. Built through the build
 * cache (runner/files/build-cache.ts), like the entry bundle: esbuild runs when the file or what it imports
 * changed, not on every run (a third of a second of a small run's start).
 */
async function compileEntry(
  file: string,
  outDir: string,
  api: string | undefined,
): Promise<CompiledEntry | undefined> {
  const typescript: string[] = [];
  const bare = new Set<string>();
  await cachedBuild(
    'entry-file',
    {
      entryPoints: { entry: file },
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      plugins: [SOURCE_URLS, packagesOutside(typescript, bare), verdictBeside(typescript, bare)],
      logLevel: 'silent',
    },
    outDir,
  );
  const verdict = JSON.parse(readFileSync(join(outDir, VERDICT), 'utf8')) as Verdict;
  if (verdict.typescript.length > 0 || verdict.unfollowed) return undefined;
  const compiled = join(outDir, 'entry.mjs');
  if (api === undefined || !verdict.bare.every((name) => name === 'esb-e2e' || isBuiltin(name)))
    return { file, compiled };
  const standalone = join(outDir, 'standalone.mjs');
  const code = readFileSync(compiled, 'utf8').replace(
    API_IMPORT,
    (_match, lead: string) => `${lead}${JSON.stringify(api)}`,
  );
  writeFileSync(standalone, code);
  return { file, compiled, standalone };
}

/**
 * Compiles the run's entry files (e2e/<scenario>.test.ts: TypeScript, with what they import from the project)
 * into plain ES modules in `outDir`, so that a node:test process of the run whose entry files are all compiled
 * starts without tsx: tsx's hooks and its esbuild cost each process about 0.8 CPU s, most of what remains of its
 * start. `import … from 'esb-e2e'` and packages are left to node, resolved from the entry file's own folder
 * (entry-bundle-resolve.mjs), or, given the URL `api` of the run's bundled entry API, pointed at it in a
 * standalone copy when the file imports nothing else. A file that does not compile, or that reaches TypeScript
 * node cannot load, is left out: its process loads it through tsx, and reports its problem as without compiling.
 *
 * Returns the compiled form of each entry file that has one, by the entry file's path.
 */
export async function compileEntryFiles(
  outDir: string,
  files: readonly string[],
  api?: string,
): Promise<Record<string, CompiledEntry>> {
  const outcomes = await Promise.allSettled(
    files.map((file, i) =>
      compileEntry(file, join(outDir, `${i + 1}-${basename(file).replace(/\.[cm]?[jt]sx?$/, '')}`), api),
    ),
  );
  const compiled: Record<string, CompiledEntry> = {};
  for (const outcome of outcomes)
    if (outcome.status === 'fulfilled' && outcome.value !== undefined)
      compiled[outcome.value.file] = outcome.value;
  return compiled;
}
