import { caseTitle } from '../plan/case-title.ts';
import { type EnvironmentOutcome, type RunInfo, totalsOf } from './run-results.ts';

/**
 * The document `esb-e2e run --json FILE` writes: the ESB revision, totals, then per environment its cases in run
 * order.
 */
export function jsonReport(envs: readonly EnvironmentOutcome[], run: RunInfo): string {
  const all = envs.flatMap((e) => e.cases);
  return `${JSON.stringify(
    {
      startedAt: run.startedAt.toISOString(),
      durationMs: run.durationMs,
      ...(run.esb === undefined ? {} : { esb: run.esb }),
      totals: totalsOf(all),
      environments: envs.map((e) => ({
        env: e.env,
        target: e.target,
        durationMs: e.durationMs,
        ...(e.error === undefined ? {} : { error: e.error }),
        totals: totalsOf(e.cases),
        cases: e.cases.map((c) => ({
          id: c.id,
          name: c.name,
          title: caseTitle(c),
          scenario: c.scenario,
          suite: c.suite,
          file: c.file,
          line: c.line,
          status: c.status,
          durationMs: c.durationMs,
          ...(c.waitMs === undefined ? {} : { waitMs: c.waitMs }),
          ...(c.endedAt === 0
            ? {}
            : { startedAt: new Date(c.startedAt).toISOString(), endedAt: new Date(c.endedAt).toISOString() }),
          ...(c.reason === undefined ? {} : { reason: c.reason }),
          ...(c.failure === undefined ? {} : { failure: c.failure }),
        })),
      })),
    },
    null,
    2,
  )}\n`;
}
