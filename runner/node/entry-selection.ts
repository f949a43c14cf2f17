import { basename, dirname, join, relative } from 'node:path';
import type { Catalogue, PlannedCase } from '../../language/model/catalogue.ts';
import { planRun } from '../plan/plan-run.ts';
import { phaseOf } from '../plan/run-phases.ts';
import { type Shard, shardCasesByFile } from '../plan/shard.ts';
import { entryFileFor } from './entry-files.ts';
import { RUN_VARIABLE, type RunVariables } from './run-variables.ts';

/** The cases of one scenario folder that an entry file runs, in plan order. */
export interface CaseGroup {
  readonly scenario: string;
  readonly cases: readonly PlannedCase[];
}

/** What one entry file runs, or why it runs nothing. */
export type EntrySelection =
  | {
      readonly kind: 'cases';
      /** Its own scenario first, then any cases it runs for a file outside its shard. */
      readonly groups: readonly CaseGroup[];
      /** The run's entry files that run cases (of this shard, under --test-shard), this one among them. */
      readonly owners: readonly string[];
    }
  /** The selection leaves no case in any file of the run: every file fails with `why`. */
  | { readonly kind: 'empty-run'; readonly why: string }
  /** Others run cases, this file none: it says why instead of passing as an empty file. */
  | { readonly kind: 'none-here'; readonly why: string };

export interface EntryRunShape {
  readonly catalogue: Catalogue;
  readonly scenario: string;
  readonly env: string;
  readonly variables: RunVariables;
  /** This entry file, absolute. */
  readonly entryPath: string;
  /** Every file of the run, absolute and in node's order; this file alone outside `node --test`. */
  readonly runFiles: readonly string[];
  /** node's --test-shard, when the run is split by it. */
  readonly testShard: Shard | undefined;
  /** The titles of the case list (RUN_VARIABLE.caseList), when one is given: only these cases run. */
  readonly caseList?: ReadonlySet<string> | undefined;
  /** The folder file names in messages are relative to (where node --test runs). */
  readonly cwd: string;
}

/** The entry file of `scenario` beside this one (e2e/<scenario with dashes>.test.ts). */
export function siblingEntry(entryPath: string, scenario: string): string {
  return join(dirname(entryPath), basename(entryFileFor(scenario)));
}

/** The ESB_E2E_* filters in force, for messages: ' (ESB_E2E_IDS=…, …)' or ''. */
function filtersText(variables: RunVariables): string {
  const set: string[] = [];
  if (variables.suites.length > 0) set.push(`${RUN_VARIABLE.suites}=${variables.suites.join(',')}`);
  if (variables.ids.length > 0) set.push(`${RUN_VARIABLE.ids}=${variables.ids.join(',')}`);
  if (variables.grep !== undefined) set.push(`${RUN_VARIABLE.grep}=${variables.grep}`);
  if (variables.shard !== undefined)
    set.push(`${RUN_VARIABLE.shard}=${variables.shard.index}/${variables.shard.total}`);
  if (variables.caseList !== undefined) set.push(`${RUN_VARIABLE.caseList}=${variables.caseList}`);
  if (variables.phase !== undefined) set.push(`${RUN_VARIABLE.phase}=${variables.phase}`);
  return set.length > 0 ? ` (${set.join(', ')})` : '';
}

/**
 * Plans what one entry file runs: the environment's cases after the ESB_E2E_* filters, limited to the scenarios
 * whose entry files are in the run; then this file's scenario, or under node's --test-shard this file's part of
 * the shard (runner/plan/shard.ts shardCasesByFile). Throws UnknownSelectionError for an unknown name.
 */
export function selectEntryCases(shape: EntryRunShape): EntrySelection {
  const { catalogue, scenario, env, variables, entryPath } = shape;
  const [plan] = planRun(catalogue, {
    envs: [env],
    suites: variables.suites,
    ids: variables.ids,
    grep: variables.grep,
    ...(shape.caseList === undefined ? {} : { only: new Map([[env, shape.caseList]]) }),
    shard: variables.shard,
  });
  const inRun = new Set(shape.runFiles);
  const entries = new Set(catalogue.files.map((f) => siblingEntry(entryPath, f.scenario)));
  const entryOf = (c: PlannedCase) => siblingEntry(entryPath, c.scenario);
  const runCases = (plan?.cases ?? []).filter(
    (c) => inRun.has(entryOf(c)) && (variables.phase === undefined || phaseOf(c) === variables.phase),
  );
  const name = (path: string) => (path.startsWith(`${shape.cwd}/`) ? relative(shape.cwd, path) : path);
  const filters = filtersText(variables);
  if (runCases.length === 0) {
    const files = shape.runFiles.filter((f) => entries.has(f)).map(name);
    return {
      kind: 'empty-run',
      why: `no case of ${files.length === 1 ? files[0] : `the run's ${files.length} entry files`} is selected in ${env}${filters}: nothing would be tested; fix the selection (the cases: npx esb-e2e list --env ${env})`,
    };
  }
  let owned: PlannedCase[];
  let owners: string[];
  if (shape.testShard === undefined) {
    owned = runCases.filter((c) => c.scenario === scenario);
    owners = [...new Set(runCases.map(entryOf))];
  } else {
    const byFile = shardCasesByFile(
      runCases,
      entryOf,
      shape.runFiles.map((path) => ({ path, canOwn: entries.has(path) })),
      shape.testShard,
    );
    owned = byFile.get(entryPath) ?? [];
    owners = [...byFile].filter(([, cases]) => cases.length > 0).map(([file]) => file);
  }
  if (owned.length === 0) {
    const { testShard } = shape;
    return {
      kind: 'none-here',
      why:
        testShard === undefined
          ? `catalog/${scenario}/ has no case in ${env}${filters}; the run's other files have ${runCases.length}`
          : owners.length === 0
            ? `--test-shard=${testShard.index}/${testShard.total} gets no case: the run's ${runCases.length} case(s) of ${env}${filters} all fall to other shards`
            : `--test-shard=${testShard.index}/${testShard.total} gives ${name(entryPath)} no case of ${env}${filters}; the other files of the shard run them`,
    };
  }
  const scenarios = [scenario, ...new Set(owned.map((c) => c.scenario).filter((s) => s !== scenario))];
  const groups = scenarios
    .map((s) => ({ scenario: s, cases: owned.filter((c) => c.scenario === s) }))
    .filter((g) => g.cases.length > 0);
  return { kind: 'cases', groups, owners };
}
