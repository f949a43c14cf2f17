import type { BuildOptions } from 'esbuild';

/**
 * How a program of ours is bundled for plain `node <bundle>` (the runner's entry bundle, the testbed's services
 * and stack process): ES modules with shared chunks, so a lazily imported module stays out of every start;
 * packages left to node_modules above the bundle; a linked source map, read only by a process that shows stack
 * traces (node --enable-source-maps).
 */
export const NODE_BUNDLE_OPTIONS = {
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'silent',
} as const satisfies BuildOptions;
