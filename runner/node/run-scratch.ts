import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';
import { RUN_VARIABLE } from './run-variables.ts';

/** Markers of runs older than this are left-overs: a run of the cases takes minutes, not a day. */
const STALE_MS = 24 * 60 * 60 * 1000;

const pruned = new Set<string>();

/**
 * The folder where the processes of one `node --test` run meet (`kind`: markers, tallies, case timings).
 * `esb-e2e run` names one inside its own temp folder (ESB_E2E_SCRATCH_DIR), removed when the run ends. A plain
 * `node --test` run has no process that knows it is the last, so it uses a folder under the system's temp folder,
 * and the first use in a process removes entries older than a day, best effort.
 */
export function runScratchDir(kind: string): string {
  const own = process.env[RUN_VARIABLE.scratchDir]?.trim();
  const dir = own !== undefined && own !== '' ? join(own, kind) : join(tmpdir(), 'esb-e2e-runs', kind);
  makeDirectory(dir);
  if (!pruned.has(dir)) {
    pruned.add(dir);
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      try {
        const path = join(dir, name);
        if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
      } catch {
        // another process removed it first
      }
    }
  }
  return dir;
}
