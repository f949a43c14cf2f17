import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import { isEditorFile } from './editor-files.ts';
import { decodeSourceText, type SourceText } from './source-text.ts';

/** A required part of the project layout: a folder or a file, relative to the root, and what it holds. */
export interface LayoutPart {
  readonly path: string;
  readonly kind: 'folder' | 'file';
  readonly holds: string;
}

const whole = (file: string, code: string, message: string, fix: string): Diagnostic => ({
  code,
  file,
  line: 1,
  col: 1,
  span: 1,
  caseIds: [],
  message,
  fix,
});

function kindAt(path: string): 'folder' | 'file' | 'other' | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * The root must be a folder, and each required part must exist with the right kind. Each problem is a
 * diagnostic naming the path; the loader stops when any is found, since nothing else can be checked.
 */
export function checkLayout(root: string, parts: readonly LayoutPart[]): Diagnostic[] {
  const rootKind = kindAt(root);
  if (rootKind !== 'folder') {
    return [
      whole(
        root,
        'root-missing',
        rootKind === undefined
          ? `the project root ${root} does not exist`
          : `the project root ${root} is not a folder`,
        'run from a project that holds catalog/ and environments/, or point ESB_E2E_ROOT at one (unset it to use this package)',
      ),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const failedFolders: string[] = [];
  for (const part of parts) {
    // A file inside a folder that is already reported adds nothing.
    if (failedFolders.some((folder) => part.path.startsWith(`${folder}/`))) continue;
    const kind = kindAt(join(root, part.path));
    if (kind !== part.kind && part.kind === 'folder') failedFolders.push(part.path);
    if (kind === part.kind) continue;
    const shown = part.kind === 'folder' ? `${part.path}/` : part.path;
    if (kind === undefined) {
      diagnostics.push(
        whole(
          part.path,
          'missing-file',
          `${shown} does not exist in the project root ${root}`,
          `create ${shown}: ${part.holds}`,
        ),
      );
    } else {
      diagnostics.push(
        whole(
          part.path,
          part.kind === 'folder' ? 'not-a-folder' : 'not-a-file',
          `${shown} is a ${kind === 'folder' ? 'folder' : kind === 'file' ? 'file' : 'special file'}, not a ${part.kind}`,
          `replace it with a ${part.kind}: ${part.holds}`,
        ),
      );
    }
  }
  return diagnostics;
}

export interface FolderListing {
  /** Files below the folder, relative to the root with forward slashes, sorted; links followed inside it. */
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Every file below `folder` (relative to the root), sorted, leaving out editor swap and backup files. A symbolic
 * link is followed when it leads to a file inside the folder; one that dangles, leads outside the folder or
 * to a folder is reported, never skipped in silence.
 */
export function listFolder(root: string, folder: string): FolderListing {
  const base = join(root, folder);
  const realBase = realpathSync(base);
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(base, { recursive: true, withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      files,
      diagnostics: [
        whole(
          folder,
          'unreadable-file',
          `${folder}/ cannot be listed (${reason})`,
          'give its folders read permission',
        ),
      ],
    };
  }
  for (const entry of entries) {
    if (isEditorFile(entry.name)) continue;
    const absolute = join(entry.parentPath, entry.name);
    const file = relative(root, absolute).split(sep).join('/');
    if (entry.isFile()) {
      files.push(file);
      continue;
    }
    if (entry.isDirectory()) continue;
    if (!entry.isSymbolicLink()) {
      diagnostics.push(
        whole(
          file,
          'not-a-file',
          `${file} is a special file (a pipe, socket or device), not a catalogue file`,
          `remove it from ${folder}/`,
        ),
      );
      continue;
    }
    const fix = `replace the link with the file itself, or link to a file inside ${folder}/`;
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch {
      diagnostics.push(whole(file, 'dangling-symlink', `${file} is a symbolic link to nothing`, fix));
      continue;
    }
    const inside = relative(realBase, target);
    if (inside.startsWith('..') || inside === '' || inside.startsWith(sep)) {
      diagnostics.push(
        whole(
          file,
          'symlink-outside-catalogue',
          `${file} is a symbolic link that leads outside ${folder}/ (to ${target})`,
          fix,
        ),
      );
    } else if (!statSync(target).isFile()) {
      const folderTarget = statSync(target).isDirectory();
      diagnostics.push(
        whole(
          file,
          'symlink-to-folder',
          `${file} is a symbolic link to ${folderTarget ? 'a folder' : 'a special file'}; only links to files are followed`,
          fix,
        ),
      );
    } else files.push(file);
  }
  return { files: files.sort(), diagnostics };
}

/** Reads a project file as UTF-8 text (see decodeSourceText for what makes text unreadable). */
export function readSourceText(root: string, file: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      text: '',
      diagnostics: [
        whole(
          file,
          'unreadable-file',
          `${file} cannot be read (${reason})`,
          'give the file read permission, or remove it',
        ),
      ],
    };
  }
  return decodeSourceText(file, bytes);
}
