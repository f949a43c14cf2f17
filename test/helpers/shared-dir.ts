import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './project-copy.ts';

/** ../shared beside the clone (as in CI), or ESB_E2E_SHARED_DIR. */
export function sharedDir(): string {
  const dir = process.env.ESB_E2E_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared');
  if (!existsSync(join(dir, 'seeds'))) {
    throw new Error(
      `the shared references are missing: expected ${dir}/seeds (set ESB_E2E_SHARED_DIR to their folder)`,
    );
  }
  return dir;
}
