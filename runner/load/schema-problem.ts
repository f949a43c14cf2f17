import type { DataPath } from '../../language/model/data-path.ts';
import type { Diagnostic } from './diagnostic.ts';

/** A schema problem located in its file; the caller adds the file and the case IDs. */
export type LocatedProblem = Omit<Diagnostic, 'file' | 'caseIds'>;

/** A data path as messages write it: `cases[2].steps[0].expect`; the root is `the file`. */
export function describePath(path: DataPath): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
