import { basename, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
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

/** One entry file as plain JavaScript, or why it stays with tsx. */
async function compileEntry(file: string, outFile: string): Promise<boolean> {
  const typescript: string[] = [];
  const result = await build({
    entryPoints: [file],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    plugins: [SOURCE_URLS, packagesOutside(typescript)],
    logLevel: 'silent',
  });
  // An import esbuild could not follow (a computed path) may reach TypeScript at run time.
  const unfollowed = result.warnings.some((w) => /will not be bundled/.test(w.text));
  return typescript.length === 0 && !unfollowed;
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
      const outFile = join(outDir, `${i + 1}-${basename(file).replace(/\.[cm]?[jt]sx?$/, '')}.mjs`);
      return (await compileEntry(file, outFile)) ? ([file, outFile] as const) : undefined;
    }),
  );
  const compiled: Record<string, string> = {};
  for (const outcome of outcomes)
    if (outcome.status === 'fulfilled' && outcome.value !== undefined)
      compiled[outcome.value[0]] = outcome.value[1];
  return compiled;
}
