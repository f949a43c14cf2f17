import type { Catalogue, Environment, PlannedCase } from '../language/model/catalogue.ts';
import { targetCovers } from '../runner/plan/assign-suites.ts';
import { code } from './markdown-table.ts';

/** How much of a scenario an environment runs. */
export type Coverage = 'all' | 'some' | 'none';

export interface EnvironmentColumn {
  readonly env: string;
  /** Column header: the runtime mode, capitalised (Docker), or the environment name when two share a mode. */
  readonly header: string;
}

export interface ScenarioSummary {
  readonly scenario: string;
  readonly suites: readonly string[];
  readonly count: number;
  readonly coverage: ReadonlyMap<string, Coverage>;
  readonly remark: string;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function environmentColumns(catalogue: Catalogue): EnvironmentColumn[] {
  const envs = catalogue.matrix.environments;
  return envs.map((e) => ({ env: e.name, header: label(e, envs, capitalize(e.mode)) }));
}

/** The mode names an environment in prose, or its own name when another environment shares the mode. */
function label(env: Environment, all: readonly Environment[], modeText: string): string {
  return all.filter((e) => e.mode === env.mode).length > 1 ? env.name : modeText;
}

/** Scenarios in run order: the order in which their first case runs. */
export function scenariosInOrder(cases: readonly PlannedCase[]): string[] {
  return [...new Set(cases.map((c) => c.scenario))];
}

function coverageOf(cases: readonly PlannedCase[], env: string): Coverage {
  const running = cases.filter((c) => c.envs.includes(env)).length;
  return running === 0 ? 'none' : running === cases.length ? 'all' : 'some';
}

/**
 * One summary row. The remark says where a scenario runs when some environment lacks it; otherwise how its
 * suites reach it: per module case counts for file targets, the folder for a folder target.
 */
export function summarizeScenario(catalogue: Catalogue, scenario: string): ScenarioSummary {
  const cases = catalogue.cases.filter((c) => c.scenario === scenario);
  const envs = catalogue.matrix.environments.map((e) => e.name);
  const coverage = new Map(envs.map((env) => [env, coverageOf(cases, env)] as const));
  const suites = [...new Set(cases.map((c) => c.suite))];
  const fully = envs.filter((env) => coverage.get(env) === 'all');
  let remark: string;
  if (fully.length < envs.length) {
    remark =
      fully.length === 0
        ? '現在の matrix ではどの環境にも未割り当て'
        : `現在の matrix では ${fully.map(code).join('、')} のみ`;
  } else {
    const parts: string[] = [];
    for (const suite of catalogue.matrix.suites.filter((s) => suites.includes(s.name))) {
      for (const target of suite.targets) {
        const covered = cases.filter((c) => c.suite === suite.name && targetCovers(target, c.site.file));
        if (covered.length === 0) continue;
        const first = covered[0] as PlannedCase;
        const part =
          target.kind === 'file'
            ? `${code(first.module)} ${covered.length}件`
            : `${code(target.text)} 経由で実行`;
        if (!parts.includes(part)) parts.push(part);
      }
    }
    remark = parts.join(' + ');
  }
  return { scenario, suites, count: cases.length, coverage, remark };
}

/**
 * A case's remark: which environments lack its suite, worded as the suite's `docs.partial_remark` asks;
 * otherwise its matrix tags (runtime=python); otherwise nothing.
 */
export function caseRemark(catalogue: Catalogue, c: PlannedCase): string {
  const all = catalogue.matrix.environments;
  const suite = catalogue.matrix.suites.find((s) => s.name === c.suite);
  const modes = (envs: readonly Environment[]) =>
    [...new Set(envs.map((e) => label(e, all, e.mode)))].join('/');
  const present = all.filter((e) => c.envs.includes(e.name));
  const missing = all.filter((e) => !c.envs.includes(e.name));
  if (present.length === 0) return `${code(c.suite)} suite はどの環境にも未割り当て`;
  if (missing.length > 0) {
    return suite?.partialRemark === 'only'
      ? `${code(c.suite)} suite は ${modes(present)} のみに割り当て`
      : `${code(c.suite)} suite は ${modes(missing)} に未割り当て`;
  }
  return Object.entries(c.params)
    .map(([k, v]) => code(`${k}=${v}`))
    .join(' ');
}
