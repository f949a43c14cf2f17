import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** The folders a project root needs for loading: catalogue, matrix and schemas. */
const PROJECT_PARTS = ['catalog', 'environments', 'schema'];

/**
 * Copies a project (the repository itself, or a fixture project) into a fresh temporary folder, then lays
 * `overlay` on top: files there replace or add to the copy. Returns the copy and a cleanup function.
 */
export function copyProject(from: string, overlay?: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'esb-e2e-project-'));
  for (const part of PROJECT_PARTS) {
    try {
      cpSync(join(from, part), join(root, part), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (overlay !== undefined)
    cpSync(overlay, root, { recursive: true, filter: (src) => !src.endsWith('expect.json') });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
