import type { ExpandedCase } from '../../language/model/catalogue.ts';
import type { HookTable } from '../../runner/load/check-hooks.ts';
import { type Diagnostic, sortDiagnostics } from '../../runner/load/diagnostic.ts';
import { loadCatalogueFile } from '../../runner/load/load-catalog-file.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

export const CASE_FILE = 'catalog/x/test_a.yaml';

/** Line of the first line of `body` in the file `caseFile` builds (1-based). */
export const BODY_LINE = 9;

/**
 * A catalogue file with one case whose document fields are filled in; `body` holds the rest of the case
 * (id and execution keys), indented by four spaces as a list item's keys are.
 */
export function caseFile(body: string): string {
  return [
    '# yaml-language-server: $schema=../../schema/catalog-file.schema.json',
    'cases:',
    '  - test: test_a',
    '    anchor: desc-a',
    '    category: 機能系',
    '    doc: { guarantee: a, input: a, pass_criteria: a, failure_hint: a }',
    '    notes: [n]',
    '    # the body starts on the next line',
    body,
  ].join('\n');
}

export interface CaseLoad {
  readonly cases: readonly ExpandedCase[];
  readonly diagnostics: readonly Diagnostic[];
  readonly text: string;
}

/**
 * Loads caseFile(body) through the real file loader, with the real hook table unless `hooks` is given; the
 * diagnostics come in file order, as the catalogue loader gives them.
 */
export function loadCase(body: string, hooks?: HookTable): CaseLoad {
  const text = caseFile(body);
  const loaded = loadCatalogueFile(REPO_ROOT, CASE_FILE, text, hooks ? { hooks } : {});
  return { cases: loaded.file?.cases ?? [], diagnostics: sortDiagnostics(loaded.diagnostics), text };
}

/** The diagnostics as `code line:col`, for compact comparisons. */
export function where(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`);
}
