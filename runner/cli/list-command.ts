import { nonDefaultRevision } from '../../language/eval/esb-revision.ts';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { cliIo } from '../config/command-io.ts';
import { checkIds, matchesGrep } from '../plan/plan-run.ts';
import { selectCases, UnknownSelectionError } from '../plan/select-cases.ts';
import { textTable } from '../text/text-table.ts';
import { parseListArgs } from './list-args.ts';
import { loadCatalogueOrExit } from './load-or-exit.ts';

/** One row of `esb-e2e list --json`. */
export interface ListEntry {
  id: string;
  name: string;
  scenario: string;
  suite: string;
  file: string;
  category: string;
  envs: string[];
}

/** ` of ESB <revision>` after the count, for a revision other than the project's default. */
function revisionNote(catalogue: Catalogue): string {
  const revision = nonDefaultRevision(catalogue.esb);
  return revision === undefined ? '' : ` of ESB ${revision.name}`;
}

/** esb-e2e list: the expanded cases the selection picks, in catalogue order. Throws UsageError for bad options. */
export function listCommand(args: string[], root: string): number {
  const selection = parseListArgs(args);
  const catalogue = loadCatalogueOrExit(root, selection.esb, 'esb-e2e list');
  let entries: ListEntry[];
  try {
    const selected = selectCases(catalogue, selection);
    checkIds(catalogue, selection.ids);
    entries = selected
      .filter(
        (c) => (selection.ids.length === 0 || selection.ids.includes(c.id)) && matchesGrep(c, selection.grep),
      )
      .map((c) => ({
        id: c.id,
        name: c.name,
        scenario: c.scenario,
        suite: c.suite,
        file: c.site.file,
        category: c.category,
        envs: [...c.envs],
      }));
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    cliIo().stderr(`esb-e2e list: ${error.message}\n`);
    return 2;
  }
  if (selection.json) {
    cliIo().stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const rows = entries.map((e) => [e.id, e.name, e.scenario, e.suite, e.category, e.envs.join(','), e.file]);
  cliIo().stdout(
    `${textTable(['ID', 'NAME', 'SCENARIO', 'SUITE', 'CATEGORY', 'ENVS', 'FILE'], rows)}\n${entries.length} case(s)${revisionNote(catalogue)}\n`,
  );
  return 0;
}
