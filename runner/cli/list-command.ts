import { parseArgs } from 'node:util';
import { selectCases, UnknownSelectionError } from '../plan/select-cases.ts';
import { loadCatalogueOrExit } from './load-or-exit.ts';
import { textTable } from './text-table.ts';

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

/** esb-e2e list [--env E]... [--suite S]... [--json] */
export function listCommand(args: string[], root: string): number {
  let values: { env?: string[]; suite?: string[]; json?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        env: { type: 'string', multiple: true },
        suite: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(
      `esb-e2e list: ${(error as Error).message}\nusage: esb-e2e list [--env E] [--suite S] [--json]\n`,
    );
    return 2;
  }
  const catalogue = loadCatalogueOrExit(root);
  let entries: ListEntry[];
  try {
    entries = selectCases(catalogue, { envs: values.env ?? [], suites: values.suite ?? [] }).map((c) => ({
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
    process.stderr.write(`esb-e2e list: ${error.message}\n`);
    return 2;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const rows = entries.map((e) => [e.id, e.name, e.scenario, e.suite, e.category, e.envs.join(','), e.file]);
  process.stdout.write(
    `${textTable(['ID', 'NAME', 'SCENARIO', 'SUITE', 'CATEGORY', 'ENVS', 'FILE'], rows)}\n${entries.length} case(s)\n`,
  );
  return 0;
}
