import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScratchDir } from './run-scratch.ts';

export type MarkerClaim =
  | { readonly first: true }
  | { readonly first: false; readonly holder: string | undefined };

/**
 * Claims "`what` for run `runKey`" for this process: the first process to ask gets `first: true` (the marker is
 * created with O_EXCL, so exactly one process wins however many ask at once); the others learn which `holder`
 * (e.g. an entry file) won, or undefined when the winner has not finished writing its name.
 */
export function claimRunMarker(runKey: string, what: string, holder: string): MarkerClaim {
  const name = createHash('sha256').update(`${runKey}\0${what}`).digest('hex').slice(0, 24);
  // A few bytes, named by a hash of the run and the purpose, so never read by another run.
  const path = join(runScratchDir('markers'), name);
  try {
    writeFileSync(path, holder, { flag: 'wx' });
    return { first: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let written: string;
  try {
    written = readFileSync(path, 'utf8');
  } catch {
    written = '';
  }
  return { first: false, holder: written === '' ? undefined : written };
}
