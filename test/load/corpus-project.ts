import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { copyProject } from '../helpers/project-copy.ts';

/** What a corpus kind changes in the base project besides the files of its folder. */
export interface CorpusLayout {
  /** Paths removed from the copy before the overlay (`.` removes the root itself). */
  remove?: string[];
  /** Folders created after removal (e.g. a folder where a file belongs). */
  mkdir?: string[];
  /** Symbolic links to create: link path -> target as written in the link. Git keeps no links in fixtures. */
  symlinks?: Record<string, string>;
  /** Named pipes to create (special files, which git cannot hold either). */
  fifos?: string[];
}

/**
 * The base project with a corpus kind applied: removals, then the kind's own files (expect.json left out), then
 * new folders, links and pipes. Returns the root and a cleanup function.
 */
export function corpusProject(
  base: string,
  kindFolder: string,
  layout: CorpusLayout,
): { root: string; cleanup: () => void } {
  const project = copyProject(base);
  for (const path of layout.remove ?? []) rmSync(join(project.root, path), { recursive: true, force: true });
  if (!(layout.remove ?? []).includes('.')) {
    cpSync(kindFolder, project.root, { recursive: true, filter: (src) => !src.endsWith('expect.json') });
  }
  for (const path of layout.mkdir ?? []) mkdirSync(join(project.root, path), { recursive: true });
  for (const [link, target] of Object.entries(layout.symlinks ?? {}))
    symlinkSync(target, join(project.root, link));
  for (const path of layout.fifos ?? []) execFileSync('mkfifo', [join(project.root, path)]);
  return project;
}
