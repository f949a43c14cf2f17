import { caseTitle } from '../plan/case-title.ts';
import { JsonReportError, type ReadReport } from './read-json-report.ts';
import type { CaseOutcome, EnvironmentOutcome, RunInfo } from './run-results.ts';

/** One report to merge and the file it came from (for messages). */
export interface SourcedReport {
  readonly source: string;
  readonly report: ReadReport;
}

/** Reports merged into one run, and what the merge could not vouch for (a missing shard), one line each. */
export interface MergedRun {
  readonly run: RunInfo;
  readonly environments: EnvironmentOutcome[];
  readonly warnings: string[];
}

const esbText = (run: RunInfo) =>
  run.esb === undefined ? 'no ESB revision' : `ESB ${run.esb.revision} (${run.esb.commit})`;

/**
 * Checks that the reports are parts of one run: one ESB revision and repeat count, and, when they are shards,
 * one way of splitting with no shard given twice. Returns the missing shards' warnings.
 */
function checkParts(reports: readonly SourcedReport[]): string[] {
  const [first, ...others] = reports;
  if (first === undefined) throw new JsonReportError('no report to merge');
  for (const other of others) {
    if (esbText(other.report.run) !== esbText(first.report.run))
      throw new JsonReportError(
        `${first.source} is a run of ${esbText(first.report.run)}, ${other.source} of ${esbText(other.report.run)}; merge the reports of one revision`,
      );
    if (other.report.run.repeatEach !== first.report.run.repeatEach)
      throw new JsonReportError(
        `${first.source} and ${other.source} repeat each case a different number of times (--repeat-each); merge the reports of one run`,
      );
  }
  const sharded = reports.filter((r) => r.report.run.shard !== undefined);
  if (sharded.length === 0) return [];
  const total = first.report.run.shard?.total;
  const whole = reports.find((r) => r.report.run.shard?.total !== total);
  if (whole !== undefined)
    throw new JsonReportError(
      `${first.source} ${partText(first)} but ${whole.source} ${partText(whole)}; merge the shards of one split`,
    );
  const byIndex = new Map<number, string>();
  for (const r of reports) {
    const index = r.report.run.shard?.index ?? 0;
    const seen = byIndex.get(index);
    if (seen !== undefined)
      throw new JsonReportError(
        `${seen} and ${r.source} are both shard ${index}/${total}; give each shard once`,
      );
    byIndex.set(index, r.source);
  }
  const missing: string[] = [];
  for (let index = 1; index <= (total ?? 0); index++)
    if (!byIndex.has(index))
      missing.push(
        `shard ${index}/${total} is not among the reports: its cases are missing from the merged run`,
      );
  return missing;
}

function partText(r: SourcedReport): string {
  const shard = r.report.run.shard;
  return shard === undefined ? 'is a whole run' : `is shard ${shard.index}/${shard.total}`;
}

/**
 * Merges the JSON reports of the shards of one run (`--shard i/n` on several machines) into the run they make
 * together: each environment's cases in the order one unsharded run gives them (by their `position`, repeats in
 * turn), its time from the first shard's start to the last one's end. Reports of different environments merge
 * too. A case given by two reports, or reports of different revisions or splits, throw JsonReportError.
 */
export function mergeReports(reports: readonly SourcedReport[]): MergedRun {
  const warnings = checkParts(reports);
  const shards = reports.every((r) => r.report.run.shard !== undefined);
  const starts = reports.map((r) => r.report.run.startedAt.getTime());
  const startedAt = Math.min(...starts);
  const endedAt = Math.max(...reports.map((r, i) => (starts[i] ?? 0) + r.report.run.durationMs));
  const envs = new Map<
    string,
    { targets: Set<string>; errors: string[]; cases: CaseOutcome[]; end: number; start: number }
  >();
  const from = new Map<string, string>();
  reports.forEach((r, i) => {
    const start = starts[i] ?? 0;
    for (const e of r.report.environments) {
      let env = envs.get(e.env);
      if (env === undefined) {
        env = { targets: new Set(), errors: [], cases: [], start, end: start + e.durationMs };
        envs.set(e.env, env);
      }
      env.targets.add(e.target);
      if (e.error !== undefined) env.errors.push(reports.length === 1 ? e.error : `${r.source}: ${e.error}`);
      env.start = Math.min(env.start, start);
      env.end = Math.max(env.end, start + e.durationMs);
      for (const c of e.cases) {
        const key = `${e.env}\0${caseTitle(c)}\0${c.repeat ?? 0}`;
        const earlier = from.get(key);
        if (earlier !== undefined)
          throw new JsonReportError(
            `[${e.env}] ${caseTitle(c)}${c.repeat === undefined ? '' : ` (repeat ${c.repeat})`} is in both ${earlier} and ${r.source}; each case may come from one report only`,
          );
        from.set(key, r.source);
        env.cases.push(c);
      }
    }
  });
  const environments = [...envs].map(([name, env]): EnvironmentOutcome => {
    // Shards of one split hold disjoint places of one order; separate runs keep the order they were given in.
    const cases = shards
      ? env.cases.toSorted(
          (a, b) => (a.repeat ?? 0) - (b.repeat ?? 0) || (a.position ?? 0) - (b.position ?? 0),
        )
      : env.cases;
    return {
      env: name,
      target: [...env.targets].join(', '),
      durationMs: env.end - env.start,
      ...(env.errors.length === 0 ? {} : { error: env.errors.join('\n') }),
      cases,
    };
  });
  const [first] = reports as [SourcedReport];
  const { esb, repeatEach } = first.report.run;
  return {
    run: {
      startedAt: new Date(startedAt),
      durationMs: endedAt - startedAt,
      ...(esb === undefined ? {} : { esb }),
      ...(repeatEach === undefined ? {} : { repeatEach }),
    },
    environments,
    warnings,
  };
}
