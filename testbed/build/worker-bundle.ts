import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBuild, DEFAULT_BUILD_CACHE } from '../../runner/files/build-cache.ts';

/** The worker runtime's TypeScript entry: what a bundle is built from, and what `tsx` runs without one. */
export const WORKER_SOURCE_ENTRY = fileURLToPath(new URL('../services/worker/main.ts', import.meta.url));

/** The bundle's file name inside the folder a testbed builds it into. */
export const WORKER_BUNDLE_FILE = 'worker.mjs';

const CHUNKS_FOLDER = 'chunks';

/**
 * Bundled dependencies include CommonJS modules (the AWS SDK's) that call `require`; an ES module has none, so
 * the bundle defines one at its top.
 */
const REQUIRE_SHIM =
  "import { createRequire as __esbCreateRequire } from 'node:module';\nconst require = __esbCreateRequire(import.meta.url);";

/**
 * Builds the worker runtime (worker server, fixture functions, AWS clients) into one self-contained ES module,
 * so each worker starts as plain `node <bundle>`: no TypeScript transpiling and no walk of node_modules per
 * cold start. Every testbed start and every in-process stack needs it: the build cache (build-cache.ts) makes it
 * one build (about a CPU second, bundling the AWS SDK) until a source changes. Returns the bundle's path.
 */
export async function buildWorkerBundle(outDir: string, cacheDir = DEFAULT_BUILD_CACHE): Promise<string> {
  await cachedBuild(
    'worker',
    {
      entryPoints: { [WORKER_BUNDLE_FILE.replace(/\.mjs$/, '')]: WORKER_SOURCE_ENTRY },
      outExtension: { '.js': '.mjs' },
      // Each fixture's handler and the AWS SDK become chunks a worker loads only if its function needs them
      // (functions/handlers/index.ts): lambda-echo parses about 40 KB, lambda-s3 the SDK's 1.3 MB besides.
      splitting: true,
      chunkNames: `${CHUNKS_FOLDER}/[name]-[hash]`,
      bundle: true,
      platform: 'node',
      mainFields: ['module', 'main'],
      format: 'esm',
      target: 'node20',
      banner: { js: REQUIRE_SHIM },
      // No source map: node would load it at every cold start, and names stay readable without minifying.
      logLevel: 'silent',
    },
    outDir,
    cacheDir,
  );
  return join(outDir, WORKER_BUNDLE_FILE);
}
