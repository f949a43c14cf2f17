import { readFileSync } from 'node:fs';
import { firstDifferences } from './line-diff.ts';

/** A generated file as committed, or undefined when there is none. */
export function readCommitted(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * What `--check` says of a generated file that is missing or differs from what `source` generates (the lines
 * for stderr, with the first differences and the fix), or undefined when the committed file is current.
 */
export function staleFileProblem(
  path: string,
  committed: string | undefined,
  rendered: string,
  source: string,
): string | undefined {
  if (committed === rendered) return undefined;
  if (committed === undefined) return `${path} does not exist; run: npm run docs\n`;
  return `${path} is stale: it differs from what ${source} generate.\n${firstDifferences(committed, rendered, 10)}\nrun: npm run docs\n`;
}
