import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that always returns. Node's own `mkdirSync(path, { recursive: true })` never returns for a path
 * under /proc or /sys: those file systems answer ENOENT to a mkdir of a child that cannot exist, and Node reads
 * ENOENT as "the parent is missing", creates the (existing) parent and retries, forever at 100% CPU. Here each
 * missing level is created on its own, so that answer becomes an error naming the path.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) {
        const error: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${current}'`);
        error.code = 'ENOTDIR';
        throw error;
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // Another process created it meanwhile: as good as ours.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
