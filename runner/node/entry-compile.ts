import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
function packagesOutside(typescript: string[]): Plugin {
  return {
    name: 'packages-outside',
    setup(bundler) {
      bundler.onResolve({ filter: BARE }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
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
  /** An import esbuild could not follow (a computed path), which may reach TypeScript at run time. */
  readonly unfollowed: boolean;
}

/** Writes the verdict beside the build's output when the build has ended, so that the build cache keeps it too. */
function verdictBeside(typescript: string[]): Plugin {
  return {
    name: 'entry-verdict',
    setup(bundler) {
      bundler.onEnd((result) => {
        const outdir = bundler.initialOptions.outdir;
        if (result.errors.length > 0 || outdir === undefined) return;
        const verdict: Verdict = {
          typescript,
          unfollowed: result.warnings.some((w) => /will not be bundled/.test(w.text)),
        };
        mkdirSync(outdir, { recursive: true });
        writeFileSync(join(outdir, VERDICT), JSON.stringify(verdict));
      });
    },
  };
}

/**
 * One entry file as plain JavaScript in `outDir`, or undefined when it stays with tsx. Built through the build
 * cache (runner/files/build-cache.ts), like the entry bundle: esbuild runs when the file or what it imports
 * changed, not on every run (a third of a second of a small run's start).
 */
async function compileEntry(file: string, outDir: string): Promise<string | undefined> {
  const typescript: string[] = [];
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
      plugins: [SOURCE_URLS, packagesOutside(typescript), verdictBeside(typescript)],
      logLevel: 'silent',
    },
    outDir,
  );
  const verdict = JSON.parse(readFileSync(join(outDir, VERDICT), 'utf8')) as Verdict;
  return verdict.typescript.length === 0 && !verdict.unfollowed ? join(outDir, 'entry.mjs') : undefined;
}

/**
 * Compiles the run's entry files (e2e/<scenario>.test.ts: TypeScript, with what they import from the project)
 * into plain ES modules in `outDir`, so that a node:test process of the run whose entry files are all compiled
 * starts without tsx: tsx's hooks and its esbuild cost each process about 0.8 CPU s, most of what remains of its
 * start. `import … from 'esb-e2e'` and packages are left to node, resolved from the entry file's own folder
 * (entry-bundle-resolve.mjs). A file that does not compile, or that reaches TypeScript node cannot load, is left
 * out: its process loads it through tsx, and reports its problem as without compiling.
 *
 * Returns the compiled file of each entry file that has one.
 */
export async function compileEntryFiles(
  outDir: string,
  files: readonly string[],
): Promise<Record<string, string>> {
  const outcomes = await Promise.allSettled(
    files.map(async (file, i) => {
      const compiled = await compileEntry(
        file,
        join(outDir, `${i + 1}-${basename(file).replace(/\.[cm]?[jt]sx?$/, '')}`),
      );
      return compiled === undefined ? undefined : ([file, compiled] as const);
    }),
  );
  const compiled: Record<string, string> = {};
  for (const outcome of outcomes)
    if (outcome.status === 'fulfilled' && outcome.value !== undefined)
      compiled[outcome.value[0]] = outcome.value[1];
  return compiled;
}
