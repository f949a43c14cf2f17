import { copyFileSync, linkSync } from 'node:fs';

/**
 * Puts the file `from` at `to` as a hard link (no bytes copied, and the content stays what it was even if `from`
 * is later replaced by a rename), or as a copy where a link cannot be made (another filesystem).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
