import { reportOptionLines } from '../report/report-formats.ts';

/** What `esb-e2e merge-reports --help` prints (apart from the command, so that help loads none of it). */
export const MERGE_USAGE = `usage: esb-e2e merge-reports <report.json>... [options]
  the JSON reports of one run's shards (esb-e2e run --shard i/n --json FILE on each machine), or of runs of
  different environments, merged into one run: the cases in the order of one unsharded run, the closing table,
  and the report files
${reportOptionLines()}
exit code: 0 when no merged case failed and at least one passed, 1 otherwise (and when a shard of the split is
missing), 2 for a report that cannot be read or merged`;
