import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkerBundle } from '../build/worker-bundle.ts';

let bundle: Promise<string> | undefined;

/**
 * The worker bundle every in-process stack of this process shares: built on first use into a private folder
 * (test processes run side by side, so no shared path), removed when the process exits.
 */
export function processWorkerBundle(): Promise<string> {
  if (bundle === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'esb-testbed-worker-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    bundle = buildWorkerBundle(dir);
    // A failed build is not cached: the next stack tries again and reports its own error.
    bundle.catch(() => {
      bundle = undefined;
    });
  }
  return bundle;
}
