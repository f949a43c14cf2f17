import { caseTitle } from '../plan/case-title.ts';
import { type EnvironmentOutcome, flakyCases, type RunInfo, totalsOf } from './run-results.ts';

/** What the report's `format` field says: read-json-report.ts reads this version and refuses others. */
export const JSON_REPORT_FORMAT = 'esb-e2e-report/1';

/**
 * The document `esb-e2e run --json FILE` writes (and merge-reports reads back, read-json-report.ts): the ESB
 * revision, the shard and repeat count when set, totals, the flaky cases, then per environment its cases in run
 * order, each with its place in the unsharded run.
 */
export function jsonReport(envs: readonly EnvironmentOutcome[], run: RunInfo): string {
  const all = envs.flatMap((e) => e.cases);
  const flaky = flakyCases(envs);
  return `${JSON.stringify(
    {
      format: JSON_REPORT_FORMAT,
      startedAt: run.startedAt.toISOString(),
      durationMs: run.durationMs,
      ...(run.esb === undefined ? {} : { esb: run.esb }),
      ...(run.shard === undefined ? {} : { shard: `${run.shard.index}/${run.shard.total}` }),
      ...(run.repeatEach === undefined ? {} : { repeatEach: run.repeatEach }),
      totals: totalsOf(all),
      ...(flaky.length === 0
        ? {}
        : {
            flaky: flaky.map((f) => ({
              env: f.env,
              title: f.title,
              passed: f.passed,
              failed: f.failed,
              failedRepeats: f.failures.map((c) => c.repeat),
            })),
          }),
      environments: envs.map((e) => ({
        env: e.env,
        target: e.target,
        durationMs: e.durationMs,
        ...(e.error === undefined ? {} : { error: e.error }),
        totals: totalsOf(e.cases),
        cases: e.cases.map((c, i) => ({
          id: c.id,
          name: c.name,
          title: caseTitle(c),
          scenario: c.scenario,
          suite: c.suite,
          file: c.file,
          line: c.line,
          position: c.position ?? i,
          ...(c.repeat === undefined ? {} : { repeat: c.repeat }),
          status: c.status,
          durationMs: c.durationMs,
          ...(c.waitMs === undefined ? {} : { waitMs: c.waitMs }),
          ...(c.endedAt === 0
            ? {}
            : { startedAt: new Date(c.startedAt).toISOString(), endedAt: new Date(c.endedAt).toISOString() }),
          ...(c.reason === undefined ? {} : { reason: c.reason }),
          ...(c.failure === undefined ? {} : { failure: c.failure }),
          ...(c.trace === undefined ? {} : { trace: c.trace }),
        })),
      })),
    },
    null,
    2,
  )}\n`;
}
