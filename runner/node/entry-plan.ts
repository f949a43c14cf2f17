import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { loadCatalogueCached } from '../load/catalogue-cache.ts';
import { readCatalogueSnapshot } from '../load/catalogue-snapshot.ts';
import { defaultProjectRoot } from '../load/default-root.ts';
import { CatalogueLoadError } from '../load/diagnostic.ts';
import { EsbRevisionError } from '../load/load-esb-revisions.ts';
import { UnknownSelectionError } from '../plan/select-cases.ts';
import { parseShard, type Shard, ShardSyntaxError } from '../plan/shard.ts';
import { catalogueFailureMessage } from './catalogue-failure.ts';
import { entryFileFor } from './entry-files.ts';
import { type EntrySelection, selectEntryCases, siblingEntry } from './entry-selection.ts';
import { testShardOption } from './node-test-command.ts';
import { type NodeTestParent, nodeTestParent, underNodeTest } from './node-test-parent.ts';
import { PROCESS_VARIABLE } from './process-variables.ts';
import { claimRunMarker } from './run-marker.ts';
import { RUN_VARIABLE, RunVariableError, type RunVariables, readRunVariables } from './run-variables.ts';
import { SkipOnlyRun } from './skip-only-run.ts';

/** The running entry file: node's argv[1] when it is the scenario's file, else the one in the project root. */
function ownEntryPath(scenario: string, root: string): string {
  const file = basename(entryFileFor(scenario));
  const argv1 = process.argv[1];
  return argv1 !== undefined && basename(argv1) === file
    ? resolve(argv1)
    : join(root, entryFileFor(scenario));
}

/**
 * The files of the run, in node's order: the parent `node --test` command's files (read from /proc), else every
 * entry file of the catalogue; outside `node --test` (esb-e2e run, or `node e2e/x.test.ts`) this file alone.
 */
function runFilesOf(
  parent: NodeTestParent | undefined,
  entryPath: string,
  catalogue: Catalogue,
): readonly string[] {
  if (parent === undefined) return [entryPath];
  const files = parent.command?.files;
  if (files?.includes(entryPath)) return files;
  return [...new Set(catalogue.files.map((f) => siblingEntry(entryPath, f.scenario)))].sort();
}

/**
 * The catalogue of each project root this process planned from: the entry files `esb-e2e run` runs in one
 * process (entry-group.ts) share one load instead of parsing and validating every file again.
 */
const loaded = new Map<string, Catalogue>();

/** Whether a catalogue was loaded for the revision `esb` names (its default when undefined). */
function loadedFor(catalogue: Catalogue, esb: string | undefined): boolean {
  const selection = catalogue.esb;
  if (selection === undefined) return esb === undefined;
  return selection.revision.name === (esb ?? selection.defaultName);
}

function loadCatalogueOnce(root: string, esb: string | undefined): Catalogue {
  const key = `${root}\0${esb ?? ''}`;
  let catalogue = loaded.get(key);
  if (catalogue === undefined) {
    // In a process of `esb-e2e run`, the catalogue the run loaded (catalogue-snapshot.ts).
    const snapshot = process.env[PROCESS_VARIABLE.catalogueSnapshot];
    const given = snapshot === undefined ? undefined : readCatalogueSnapshot(snapshot, root);
    catalogue = given !== undefined && loadedFor(given, esb) ? given : loadCatalogueCached(root, { esb });
    loaded.set(key, catalogue);
  }
  return catalogue;
}

/** What registerScenario needs before it can plan, or the one line saying why it cannot. */
type Setup =
  | { readonly ok: true; readonly variables: RunVariables; readonly testShard: Shard | undefined }
  | { readonly ok: false; readonly problem: string };

function readSetup(): Setup {
  let variables: RunVariables;
  let testShard: Shard | undefined;
  try {
    variables = readRunVariables(process.env);
    const shardText = testShardOption(process.execArgv);
    testShard = shardText === undefined ? undefined : parseShard(shardText);
  } catch (error) {
    if (!(error instanceof RunVariableError || error instanceof ShardSyntaxError)) throw error;
    return { ok: false, problem: error.message };
  }
  if (variables.shard !== undefined && testShard !== undefined)
    return {
      ok: false,
      problem: `${RUN_VARIABLE.shard}=${variables.shard.index}/${variables.shard.total} and node's --test-shard=${testShard.index}/${testShard.total} both split the run; use one of them (--test-shard balances the cases of the files given; ${RUN_VARIABLE.shard} is what esb-e2e run --shard sets)`,
    };
  return { ok: true, variables, testShard };
}

/** What an entry file registers: its cases, or one test saying why it has none. */
export type EntryPlan =
  | { readonly kind: 'fail'; readonly name: string; readonly message: string }
  | { readonly kind: 'skip'; readonly name: string; readonly reason: string }
  | {
      readonly kind: 'cases';
      readonly root: string;
      readonly env: string;
      readonly variables: RunVariables;
      readonly selection: Extract<EntrySelection, { kind: 'cases' }>;
      /** Set in a node --test run: notices a run whose every case skipped. */
      readonly skipOnly: SkipOnlyRun | undefined;
    };

/**
 * Plans one entry file: reads the ESB_E2E_* variables and node's --test-shard, loads the catalogue, finds the files
 * of the run and selects this file's cases (runner/node/entry-selection.ts). Every problem becomes a test to
 * register, never an exit.
 */
export function planEntry(scenario: string): EntryPlan {
  // ESB_E2E_ROOT (esb-e2e run sets it), else the project found from the current folder, as the CLI does.
  const root = process.env[RUN_VARIABLE.root] ?? defaultProjectRoot();
  const entryPath = ownEntryPath(scenario, root);
  const parent = underNodeTest(process.env) ? nodeTestParent() : undefined;
  const setup = readSetup();
  if (!setup.ok) return { kind: 'fail', name: 'configuration', message: setup.problem };
  const { variables, testShard } = setup;

  let catalogue: Catalogue;
  try {
    catalogue = loadCatalogueOnce(root, variables.esb);
  } catch (error) {
    if (error instanceof EsbRevisionError)
      return { kind: 'fail', name: 'configuration', message: `${RUN_VARIABLE.esb}: ${error.message}` };
    // A missing folder or file (a wrong ESB_E2E_ROOT) is the user's to fix; anything else is a bug and is thrown.
    if ((error as NodeJS.ErrnoException).code?.startsWith('E') === true)
      return {
        kind: 'fail',
        name: 'catalogue',
        message: `the catalogue under ${root} cannot be read: ${(error as Error).message}; check ${RUN_VARIABLE.root}`,
      };
    if (!(error instanceof CatalogueLoadError)) throw error;
    // One file of a node --test run lists every problem; the others point at it (runner/node/catalogue-failure.ts).
    const claim =
      parent?.key === undefined
        ? undefined
        : claimRunMarker(`${parent.key} ${root}`, 'catalogue', entryFileFor(scenario));
    return { kind: 'fail', name: 'catalogue', message: catalogueFailureMessage(error, claim) };
  }
  if (!catalogue.files.some((f) => f.scenario === scenario))
    return {
      kind: 'fail',
      name: 'configuration',
      message: `no scenario folder catalog/${scenario}/ in ${root}; fix the registerScenario call`,
    };
  const env = variables.env ?? catalogue.matrix.environments[0]?.name ?? '';

  let caseList: ReadonlySet<string> | undefined;
  if (variables.caseList !== undefined) {
    try {
      caseList = readCaseList(variables.caseList);
    } catch (error) {
      return {
        kind: 'fail',
        name: 'configuration',
        message: `${RUN_VARIABLE.caseList}=${variables.caseList} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a file with one "<ID> <name>" per line`,
      };
    }
  }
  let selection: EntrySelection;
  try {
    selection = selectEntryCases({
      caseList,
      catalogue,
      scenario,
      env,
      variables,
      entryPath,
      runFiles: runFilesOf(parent, entryPath, catalogue),
      testShard,
      // File names in messages, as given to node --test (relative to the folder it runs in).
      cwd: process.cwd(),
    });
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    return { kind: 'fail', name: 'configuration', message: error.message };
  }
  if (selection.kind === 'empty-run')
    return { kind: 'fail', name: `${env} ${scenario}`, message: selection.why };
  if (selection.kind === 'none-here')
    return { kind: 'skip', name: `${env} ${scenario}`, reason: selection.why };
  const total = selection.groups.reduce((n, g) => n + g.cases.length, 0);
  const skipOnly =
    parent?.key === undefined
      ? undefined
      : new SkipOnlyRun(`${parent.key} ${root} ${env}`, entryPath, selection.owners, total);
  return { kind: 'cases', root, env, variables, selection, skipOnly };
}

/** The titles of a case list: one `<ID> <name>` per line; blank lines are nothing. */
export function readCaseList(path: string): ReadonlySet<string> {
  return new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
}
