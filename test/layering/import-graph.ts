import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** One relative import of one source file: where it is written and what it resolves to (repo-relative). */
export interface ImportEdge {
  readonly from: string;
  readonly line: number;
  readonly specifier: string;
  readonly to: string;
  /** `import('…')`: loaded when the code runs, not when the file is. */
  readonly dynamic: boolean;
}

/** Static imports, re-exports and dynamic `import('…')` with a literal specifier (relative, or a package's). */
const IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"\s]+)\2/gm;

/** A block comment or a line comment that starts its line. */
const COMMENT = /^[ \t]*(?:\/\*[\s\S]*?\*\/|\/\/.*$)/gm;

/**
 * The project's own package name mapped through its package.json "exports" (`esb-e2e` -> api/entry.ts): a
 * self-reference is an import of that file, so it is held to the same DEPS.list as a relative one.
 */
function selfExports(root: string): ((specifier: string) => string | undefined) | undefined {
  const manifestPath = join(root, 'package.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: string; exports?: unknown };
  const { name, exports } = manifest;
  if (name === undefined || typeof exports !== 'object' || exports === null) return undefined;
  const table = exports as Record<string, unknown>;
  return (specifier) => {
    if (specifier !== name && !specifier.startsWith(`${name}/`)) return undefined;
    const subpath = `.${specifier.slice(name.length)}`;
    const exact = table[subpath];
    if (typeof exact === 'string') return normalize(exact);
    for (const [pattern, target] of Object.entries(table)) {
      const star = pattern.indexOf('*');
      if (star < 0 || typeof target !== 'string') continue;
      const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
      if (subpath.startsWith(head) && subpath.endsWith(tail) && subpath.length >= head.length + tail.length)
        return normalize(target.replace('*', subpath.slice(head.length, subpath.length - tail.length)));
    }
    return `${specifier} (not in package.json "exports")`;
  };
}

const SOURCE = /\.(?:ts|mts|mjs)$/;

/** Every source file under the given folders (repo-relative), fixtures and dependencies left out. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !SOURCE.test(entry.name)) continue;
      const path = relative(root, join(entry.parentPath, entry.name));
      if (path.includes('node_modules/') || path.includes('/fixtures/')) continue;
      files.push(path);
    }
  }
  return files.sort();
}

/** The imports of one file that name files of the project (relative ones, self-references), with 1-based lines. */
export function importsOf(root: string, file: string): ImportEdge[] {
  // Comments that start a line are blanked (newlines kept): a doc comment showing `from 'esb-e2e'` is no import.
  const text = readFileSync(join(root, file), 'utf8').replace(COMMENT, (comment) =>
    comment.replace(/[^\n]/g, ' '),
  );
  const self = selfExports(root);
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] as string;
    const to = /^\.{1,2}\//.test(specifier) ? normalize(join(dirname(file), specifier)) : self?.(specifier);
    if (to === undefined) continue;
    const line = text.slice(0, match.index).split('\n').length;
    const dynamic = (match[1] as string).includes('(');
    edges.push({ from: file, line, specifier, to, dynamic });
  }
  return edges;
}

/**
 * The import circles among `files`: strongly connected components of more than one file (or a file importing
 * itself), each as the list of its files. Tarjan's algorithm, iterative so deep chains do not overflow.
 */
export function importCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge.from) ?? [];
    list.push(edge.to);
    next.set(edge.from, list);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; child: number };
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++] as string;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(child) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        const selfLoop = children.includes(frame.node);
        if (component.length > 1 || selfLoop) circles.push(component.sort());
      }
    }
  }
  return circles;
}
