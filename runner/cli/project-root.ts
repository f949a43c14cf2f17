import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { defaultProjectRoot } from '../load/default-root.ts';

/** The variable that points every command at another project root. */
export const ROOT_VARIABLE = 'ESB_E2E_ROOT';

/** A project root that names no folder; the message is one line with the fix. */
export class ProjectRootError extends Error {}

/**
 * The project root named by `given` (from `source`: a variable or an option), resolved against the current
 * folder and absolute, so that the node:test processes of a run read the same one; when not given, the nearest
 * folder at or above the current one that holds catalog/, else the package (runner/load/default-root.ts).
 * Whether the folder holds a catalogue is the loader's to say, with its own diagnostics.
 */
export function projectRoot(source: { name: string; given: string | undefined; unset: string }): string {
  const { name, given, unset } = source;
  if (given === undefined) return defaultProjectRoot();
  const fix = `set it to a project folder (one with catalog/ and environments/), or ${unset} to use the one found from the current folder (${defaultProjectRoot()})`;
  if (given.trim() === '') throw new ProjectRootError(`${name} is empty; ${fix}`);
  const root = resolve(given);
  // As the user wrote it: ESB_E2E_ROOT=dir, --root dir; a relative path also as it resolved.
  const shown = `${name}${name.startsWith('-') ? ' ' : '='}${isAbsolute(given) ? given : `${given} (${root})`}`;
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`;
    throw new ProjectRootError(`${shown} ${why}; ${fix}`);
  }
  if (!isFolder) throw new ProjectRootError(`${shown} is a file, not a folder; ${fix}`);
  return root;
}
