import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folder of the markers; each is a few bytes, named by a hash, and never read by another run. */
const MARKER_DIR = join(tmpdir(), 'esb-e2e-run-markers');

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
  const path = join(MARKER_DIR, name);
  mkdirSync(MARKER_DIR, { recursive: true });
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
