import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder: its own catalogue is the project when no other is found. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** The folder every project root holds; finding it marks the root. */
const CATALOGUE_DIR = 'catalog';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The project root when ESB_E2E_ROOT is not set: the nearest folder at or above `cwd` that holds catalog/ (a
 * repository that depends on esb-e2e, run from its root or any folder below), else this package. The CLI and
 * the node:test entry files both use it, so `npx esb-e2e …` and `node --test e2e/x.test.ts` read the same one.
 */
export function defaultProjectRoot(cwd: string = process.cwd()): string {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (isFolder(join(folder, CATALOGUE_DIR))) return folder;
    if (dirname(folder) === folder) return PACKAGE_ROOT;
  }
}
