import type { CaseMutations } from './mutate-cases.ts';

/** What `esb-e2e mutate --json` writes, and the docs' mutation report is made from. */
export interface MutationReport {
  readonly format: typeof MUTATION_REPORT_FORMAT;
  readonly startedAt: string;
  readonly env: string;
  readonly esb?: { readonly revision: string; readonly commit: string };
  readonly seed: number;
  readonly budget: number;
  readonly perAnswer: number;
  readonly caseSeconds: number;
  readonly suites: readonly SuiteScore[];
  readonly cases: readonly CaseMutations[];
}

export const MUTATION_REPORT_FORMAT = 'esb-e2e-mutations/1';

/** A suite's totals: its cases, the mutations tried, killed and survived, and the share killed. */
export interface SuiteScore {
  readonly suite: string;
  readonly cases: number;
  readonly tried: number;
  readonly killed: number;
  readonly survived: number;
  /** Survivors an accepted-survivors rule gives a reason for; the rest are gaps left in the cases. */
  readonly accepted: number;
  /** Killed of killed and survived, in percent; undefined when nothing was killed or survived. */
  readonly score: number | undefined;
}

export function scoreOf(killed: number, survived: number): number | undefined {
  return killed + survived === 0 ? undefined : Math.round((100 * killed) / (killed + survived));
}

export const scoreText = (score: number | undefined) => (score === undefined ? '-' : `${score}%`);

/** The totals per suite, in the order the suites first appear. */
export function suiteScores(cases: readonly CaseMutations[]): SuiteScore[] {
  return [...new Set(cases.map((c) => c.suite))].map((suite) => {
    const of = cases.filter((c) => c.suite === suite);
    const killed = of.reduce((n, c) => n + c.killed, 0);
    const survived = of.reduce((n, c) => n + c.survivors.length, 0);
    return {
      suite,
      cases: of.length,
      tried: of.reduce((n, c) => n + c.tried, 0),
      killed,
      survived,
      accepted: of.reduce((n, c) => n + c.survivors.filter((s) => s.accepted !== undefined).length, 0),
      score: scoreOf(killed, survived),
    };
  });
}

/** Reads a report mutate wrote; throws with a line naming the problem. */
export function readMutationReport(text: string, source: string): MutationReport {
  const value = JSON.parse(text) as Partial<MutationReport>;
  if (value.format !== MUTATION_REPORT_FORMAT || !Array.isArray(value.cases))
    throw new Error(`${source} is not a report of esb-e2e mutate --json (${MUTATION_REPORT_FORMAT})`);
  return value as MutationReport;
}
