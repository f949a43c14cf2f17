import type { Catalogue, PlannedCase } from '../../language/model/catalogue.ts';
import { didYouMean } from '../text/closest-name.ts';
import { caseTitle } from './case-title.ts';
import { selectCases, UnknownSelectionError } from './select-cases.ts';
import { type Shard, takeShard } from './shard.ts';

/** What a run selects; empty lists select everything. */
export interface RunSelection {
  readonly envs: readonly string[];
  readonly suites: readonly string[];
  /** Case IDs; an ID shared by several expansions (RST-001) selects all of them. */
  readonly ids: readonly string[];
  /** Keeps cases whose `<ID> <name>` contains this text, ignoring case. */
  readonly grep?: string | undefined;
  /**
   * Exact cases by environment: the `<ID> <name>` titles each environment keeps (`--last-failed`); an environment
   * it does not name keeps none. Absent: no such filter.
   */
  readonly only?: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  /** Applied per environment, after every other filter. */
  readonly shard?: Shard | undefined;
}

/** The cases one environment runs, in run order, and the scenario folders they come from. */
export interface EnvironmentPlan {
  readonly env: string;
  readonly cases: readonly PlannedCase[];
  /**
   * Each case's place among the environment's selected cases before the shard was taken (runner/plan/shard.ts):
   * shards' reports merge back into the order of one unsharded run.
   */
  readonly positions: readonly number[];
  /** Scenario folders with at least one selected case, in run order, e.g. smoke, autoscaling. */
  readonly scenarios: readonly string[];
}

export function matchesGrep(c: PlannedCase, grep: string | undefined): boolean {
  return grep === undefined || caseTitle(c).toLowerCase().includes(grep.toLowerCase());
}

/** Throws UnknownSelectionError for an ID the catalogue does not define, with the closest one. */
export function checkIds(catalogue: Catalogue, ids: readonly string[]): void {
  const known = new Set(catalogue.cases.map((c) => c.id));
  for (const id of ids) {
    if (!known.has(id))
      throw new UnknownSelectionError(
        `unknown case ID '${id}';${didYouMean(id, known) || ' see: esb-e2e list'}`,
      );
  }
}

/**
 * Plans a run: per selected environment (all of the matrix when none is named, in matrix order), its cases
 * filtered by suite, ID, grep and exact titles, then sharded. Pure; the CLI and the node:test entry files both call it, so
 * they agree on what runs. Unknown environment, suite or ID names throw UnknownSelectionError.
 */
export function planRun(catalogue: Catalogue, selection: RunSelection): EnvironmentPlan[] {
  const selected = selectCases(catalogue, { envs: selection.envs, suites: selection.suites });
  checkIds(catalogue, selection.ids);
  const envs =
    selection.envs.length > 0
      ? catalogue.matrix.environments.filter((e) => selection.envs.includes(e.name))
      : catalogue.matrix.environments;
  return envs.map(({ name: env }) => {
    const only = selection.only === undefined ? undefined : (selection.only.get(env) ?? new Set<string>());
    const filtered = selected.filter(
      (c) =>
        c.envs.includes(env) &&
        (selection.ids.length === 0 || selection.ids.includes(c.id)) &&
        matchesGrep(c, selection.grep) &&
        (only === undefined || only.has(caseTitle(c))),
    );
    const cases = takeShard(filtered, selection.shard);
    const positions = takeShard(
      filtered.map((_, k) => k),
      selection.shard,
    );
    return { env, cases, positions, scenarios: [...new Set(cases.map((c) => c.scenario))] };
  });
}
