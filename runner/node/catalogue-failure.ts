import type { CatalogueLoadError, Diagnostic } from '../load/diagnostic.ts';
import type { MarkerClaim } from './run-marker.ts';

function oneLine(d: Diagnostic): string {
  const cases = d.caseIds.length > 0 ? ` [${d.caseIds.join(', ')}]` : '';
  return `${d.file}:${d.line}:${d.col}: error${cases}: ${d.message}; fix: ${d.fix}`;
}

/**
 * The failure message of an entry file whose catalogue does not load. Its first line stands alone (JUnit keeps
 * only a message's text, lines run together): the first problem and the count. The file that claimed the run's
 * report (or any file outside a `node --test` run) adds every problem in full below it; the others name that file,
 * so a broken catalogue is listed once per run, not once per entry file.
 */
export function catalogueFailureMessage(error: CatalogueLoadError, claim: MarkerClaim | undefined): string {
  const count = `${error.diagnostics.length} problem(s)`;
  const first = error.diagnostics[0];
  const head = `the catalogue does not load: ${first === undefined ? count : oneLine(first)}`;
  if (claim === undefined || claim.first) return `${head}; ${count}, all below\n\n${error.render()}`;
  return `${head}; ${count}, listed in full by ${claim.holder ?? 'another entry file of this run'}`;
}
