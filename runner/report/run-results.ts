import type { CaseTrace } from '../../language/model/case-trace.ts';
import type { PlannedCase } from '../../language/model/catalogue.ts';
import { caseTitle } from '../plan/case-title.ts';
import type { Shard } from '../plan/shard.ts';
import type { CaseStatus } from './reporter-records.ts';

/**
 * How a case ended, as the run reports it: what its node:test process said, or `interrupted` for a case the run
 * stopped before it reported (Ctrl-C, SIGTERM, SIGHUP, --timeout): not a failure of the platform.
 */
export type OutcomeStatus = CaseStatus | 'interrupted';

/** One case of one environment, as the run reports it (JSON, JUnit, table). */
export interface CaseOutcome {
  readonly env: string;
  readonly id: string;
  /** Expanded name, e.g. test_runtime_echo[python]. */
  readonly name: string;
  readonly scenario: string;
  readonly suite: string;
  /** Catalogue file and line of the case's declaration. */
  readonly file: string;
  readonly line: number;
  readonly status: OutcomeStatus;
  /** The case's own time, from its first step. */
  readonly durationMs: number;
  /** Time spent before the first step (the target being prepared, waiting for a run slot), when reported. */
  readonly waitMs?: number;
  /** Wall clock (ms since the epoch) of the first step; 0 when the case never reported. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly reason?: string;
  readonly failure?: string;
  /**
   * The case's place among its environment's selected cases before `--shard` took its part (plan-run.ts): the
   * run sets it, and merge-reports orders shards' cases by it.
   */
  readonly position?: number;
  /** Which run of the case this is, from 1, when the run repeats each case (`--repeat-each N`). */
  readonly repeat?: number;
  /** What the case did step by step, when the run recorded traces (for an HTML or JSON report). */
  readonly trace?: CaseTrace;
}

/** What names a case in every report: environment, ID, name, scenario, suite and declaration. */
export function caseIdentity(env: string, planned: PlannedCase) {
  return {
    env,
    id: planned.id,
    name: planned.name,
    scenario: planned.scenario,
    suite: planned.suite,
    file: planned.site.file,
    line: planned.site.line,
  };
}

/** A planned case that never reported: failed, with `not run: <why>` as its failure. */
export function notRunCase(env: string, planned: PlannedCase, why: string): CaseOutcome {
  return {
    ...caseIdentity(env, planned),
    status: 'failed',
    durationMs: 0,
    startedAt: 0,
    endedAt: 0,
    failure: `not run: ${why}`,
  };
}

/** The words for what stopped a run, from its abort reason (`interrupted (SIGINT)`, the --timeout). */
export function stopReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason ?? 'the run was stopped');
}

/** A planned case the run stopped before it reported: `why` names the stop (the signal, the --timeout). */
export function interruptedCase(env: string, planned: PlannedCase, why: string): CaseOutcome {
  return {
    ...caseIdentity(env, planned),
    status: 'interrupted',
    durationMs: 0,
    startedAt: 0,
    endedAt: 0,
    reason: `not finished: ${why}`,
  };
}

/** What a report says of the run as a whole. */
export interface RunInfo {
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The ESB revision the catalogue was loaded for; absent when the project declares none. */
  readonly esb?: { readonly revision: string; readonly commit: string };
  /** The part of each environment's cases the run ran (`--shard i/n`); absent for a whole run. */
  readonly shard?: Shard;
  /** How many times the run ran each case (`--repeat-each N`); absent for once. */
  readonly repeatEach?: number;
}

/** One environment of the run. */

export interface EnvironmentOutcome {
  readonly env: string;
  /** The name of the run target (`esb-e2e run --target`), e.g. testbed or external. */
  readonly target: string;
  readonly cases: readonly CaseOutcome[];
  /** Set when the environment could not run (testbed start, crash of node:test); its cases count as failed. */
  readonly error?: string;
  /** Wall time of the environment, testbed start and teardown included. */
  readonly durationMs: number;
}

/**
 * An environment that could not run (its target did not start): `why` is its error, and every planned case
 * failed as not run; or, when the run was stopped meanwhile (`stopped` names the stop), every case interrupted.
 */
export function notRunOutcome(
  env: string,
  target: string,
  cases: readonly PlannedCase[],
  why: string,
  durationMs: number,
  stopped?: string,
): EnvironmentOutcome {
  if (stopped !== undefined)
    return { env, target, durationMs, cases: cases.map((c) => interruptedCase(env, c, stopped)) };
  return { env, target, durationMs, error: why, cases: cases.map((c) => notRunCase(env, c, why)) };
}

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Present only when some case was interrupted, so the totals of a run nobody stopped keep their shape. */
  readonly interrupted?: number;
}

export function totalsOf(cases: readonly CaseOutcome[]): Totals {
  const interrupted = cases.filter((c) => c.status === 'interrupted').length;
  return {
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: cases.filter((c) => c.status === 'failed').length,
    skipped: cases.filter((c) => c.status === 'skipped').length,
    ...(interrupted === 0 ? {} : { interrupted }),
  };
}

/**
 * 0 only when nothing failed (no case, no environment) and at least one case ran (passed or failed: a run
 * that only skipped proved nothing); 1 otherwise.
 */
export function exitCodeOf(envs: readonly EnvironmentOutcome[]): number {
  const all = envs.flatMap((e) => e.cases);
  const { passed, failed } = totalsOf(all);
  const errored = envs.some((e) => e.error !== undefined);
  return failed === 0 && !errored && passed > 0 ? 0 : 1;
}

/** Wall time a set of cases spans: from the first start to the last end (cases overlap when concurrent). */
export function wallTimeOf(cases: readonly CaseOutcome[]): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const c of cases) {
    if (c.endedAt <= 0) continue; // never ran
    first = Math.min(first, c.startedAt);
    last = Math.max(last, c.endedAt);
  }
  return Number.isFinite(first) ? last - first : 0;
}

/** A case that both passed and failed across the runs of `--repeat-each`: how often each, and its failures. */
export interface FlakyCase {
  readonly env: string;
  readonly title: string;
  readonly file: string;
  readonly line: number;
  readonly passed: number;
  readonly failed: number;
  /** The failed runs, in order (each carries its repeat number and failure text). */
  readonly failures: readonly CaseOutcome[];
}

/** The flaky cases of a run, in run order: those with at least one passed and one failed run. */
export function flakyCases(envs: readonly EnvironmentOutcome[]): FlakyCase[] {
  const flaky: FlakyCase[] = [];
  for (const env of envs) {
    const runs = new Map<string, CaseOutcome[]>();
    for (const c of env.cases) {
      const title = caseTitle(c);
      const list = runs.get(title);
      if (list === undefined) runs.set(title, [c]);
      else list.push(c);
    }
    for (const [title, list] of runs) {
      const failures = list.filter((c) => c.status === 'failed');
      const passed = list.filter((c) => c.status === 'passed').length;
      if (passed === 0 || failures.length === 0) continue;
      const [first] = list as [CaseOutcome];
      flaky.push({
        env: env.env,
        title,
        file: first.file,
        line: first.line,
        passed,
        failed: failures.length,
        failures,
      });
    }
  }
  return flaky;
}
