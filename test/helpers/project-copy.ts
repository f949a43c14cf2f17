import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
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

/** What the package's own code needs to load a catalogue and generate its documents, besides the project parts. */
const CODE_PARTS = [
  'language',
  'assertions',
  'hooks',
  'runner',
  'docsgen',
  'docs',
  'generate-docs.ts',
  'package.json',
  'tsconfig.json',
];

/**
 * Copies the package itself, code and project, into a fresh temporary folder, so that a test may change its
 * code (a new operator, a new hook) and run the copy's own generator and loader. `extra` names more
 * repo-relative paths to copy (e.g. a test folder). node_modules is a link to this package's.
 */
export function copyPackage(extra: readonly string[] = []): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'esb-e2e-package-'));
  for (const part of [...PROJECT_PARTS, ...CODE_PARTS, ...extra])
    cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(root, 'node_modules'));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
