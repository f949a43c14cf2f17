import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImportEdge } from './import-graph.ts';

/**
 * A folder's DEPS.list (as in Playwright's source tree): the folders its files may import besides its own, one
 * repo-relative folder per line ending in `/`, `#` comments. The nearest DEPS.list above a file governs it.
 */
export interface DepsList {
  /** The folder the list sits in, repo-relative, with a trailing `/`. */
  readonly folder: string;
  readonly allowed: readonly string[];
}

export function readDepsList(root: string, folder: string): DepsList | undefined {
  const path = join(root, folder, 'DEPS.list');
  if (!existsSync(path)) return undefined;
  const allowed = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
  for (const entry of allowed)
    if (!entry.endsWith('/'))
      throw new Error(`${folder}/DEPS.list: '${entry}' must name a folder ending in /`);
  return { folder: `${folder}/`, allowed };
}

/** The DEPS.list that governs a repo-relative file, or undefined when no folder above it has one. */
export function governingList(root: string, file: string): DepsList | undefined {
  for (let folder = dirname(file); folder !== '.' && folder !== ''; folder = dirname(folder)) {
    const list = readDepsList(root, folder);
    if (list !== undefined) return list;
  }
  return undefined;
}

/** One line per import that its file's DEPS.list does not allow: `file:line: …` with the fix. */
export function layeringViolations(root: string, edges: readonly ImportEdge[]): string[] {
  const cache = new Map<string, DepsList | undefined>();
  const lines: string[] = [];
  for (const edge of edges) {
    if (!cache.has(edge.from)) cache.set(edge.from, governingList(root, edge.from));
    const list = cache.get(edge.from);
    if (list === undefined) continue;
    const target = edge.to;
    if (target.startsWith(list.folder)) continue;
    if (list.allowed.some((folder) => target.startsWith(folder))) continue;
    lines.push(
      `${edge.from}:${edge.line}: imports '${edge.specifier}' (${target}), which ${list.folder}DEPS.list does not allow` +
        ` (allowed besides ${list.folder}: ${list.allowed.join(', ') || 'nothing'}); move the code down a layer or invert the dependency`,
    );
  }
  return lines;
}
