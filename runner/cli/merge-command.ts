import { readFileSync } from 'node:fs';
import { cliIo } from '../config/command-io.ts';
import { closingLines } from '../report/closing-lines.ts';
import { mergeReports, type SourcedReport } from '../report/merge-reports.ts';
import { JsonReportError, readJsonReport } from '../report/read-json-report.ts';
import { exitCodeOf } from '../report/run-results.ts';
import { parseOptions, UsageError } from './parse-options.ts';
import {
  REPORT_OPTIONS,
  reportFileProblems,
  reportPaths,
  requestedReports,
  writeReports,
} from './report-files.ts';

/** esb-e2e merge-reports: reads the reports, checks they are parts of one run, prints and writes the merged run. */
export function mergeCommand(args: string[]): number {
  const parsed = parseOptions(args, REPORT_OPTIONS, { positionals: true });
  const files = parsed.positionals;
  if (files.length === 0)
    throw new UsageError(
      'give the JSON reports to merge, e.g. esb-e2e merge-reports shard-*.json --junit all.xml',
    );
  const reportsOut = requestedReports(reportPaths(parsed));
  const io = cliIo();
  const fail = (line: string) => {
    io.stderr(`esb-e2e merge-reports: ${line}\n`);
    return 2;
  };
  const problems = reportFileProblems(reportsOut);
  if (problems.length > 0) return fail(problems.join('\nesb-e2e merge-reports: '));
  const reports: SourcedReport[] = [];
  try {
    for (const source of files) {
      let text: string;
      try {
        text = readFileSync(source, 'utf8');
      } catch (error) {
        return fail(
          `${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the files esb-e2e run --json wrote`,
        );
      }
      reports.push({ source, report: readJsonReport(text, source) });
    }
    const merged = mergeReports(reports);
    for (const warning of merged.warnings) io.stderr(`esb-e2e merge-reports: warning: ${warning}\n`);
    io.stdout(
      `esb-e2e merge-reports: ${reports.length} report${reports.length === 1 ? '' : 's'}: ${merged.environments
        .map((e) => `${e.env} (${e.cases.length} case${e.cases.length === 1 ? '' : 's'})`)
        .join(', ')}\n`,
    );
    for (const line of closingLines(merged.environments, merged.run.durationMs)) io.stdout(`${line}\n`);
    const { problems: unwritten, pages } = writeReports(reportsOut, merged.environments, merged.run);
    for (const problem of unwritten) io.stderr(`esb-e2e merge-reports: ${problem}\n`);
    if (unwritten.length > 0) return 2;
    for (const page of pages) io.stdout(`${page}\n`);
    // A split with a shard missing is not the whole run, whatever its cases say.
    return merged.warnings.length > 0 ? 1 : exitCodeOf(merged.environments);
  } catch (error) {
    if (error instanceof JsonReportError) return fail(error.message);
    throw error;
  }
}
