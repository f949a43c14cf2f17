/**
 * The arguments after `node` that run a worker entry: a built bundle (`.mjs`/`.js`) runs as it is, a TypeScript
 * source (tests' fixture workers, or a testbed without a bundle) through tsx.
 */
export function workerNodeArgs(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
}
