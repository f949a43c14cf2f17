import { statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';
import { FOLDER_REPORT_FILE, REPORT_FORMATS, type ReportFormat } from '../report/report-formats.ts';
import type { EnvironmentOutcome, RunInfo } from '../report/run-results.ts';
import type { ParsedOptions } from './parse-options.ts';

/** A report a command writes at its end: which option named it, where, and how its format renders it. */
export interface ReportFile {
  readonly option: string;
  readonly path: string;
  readonly format: ReportFormat;
}

/** The report options of a command (`--junit FILE`, `--html DIR`), for its option table. */
export const REPORT_OPTIONS: Readonly<Record<string, { readonly type: 'string' }>> = Object.fromEntries(
  REPORT_FORMATS.map((f) => [f.option, { type: 'string' } as const]),
);

/** The paths given to the report options of a command line, by format option (`junit` -> `out/junit.xml`). */
export function reportPaths(parsed: ParsedOptions): Map<string, string> {
  return new Map(
    REPORT_FORMATS.flatMap((f) => {
      const path = parsed.string(f.option);
      return path === undefined ? [] : [[f.option, path] as const];
    }),
  );
}

/** The reports a command line asks for, by format option (`junit` -> the path given to --junit). */
export function requestedReports(paths: ReadonlyMap<string, string>): ReportFile[] {
  return REPORT_FORMATS.flatMap((format) => {
    const path = paths.get(format.option);
    return path === undefined ? [] : [{ option: `--${format.option}`, path, format }];
  });
}

/** The file a report's text goes to: the path, or the page inside a folder report's folder. */
export function reportTarget(report: ReportFile): string {
  return report.format.output === 'folder' ? join(report.path, FOLDER_REPORT_FILE) : report.path;
}

/**
 * Checks, before any case runs, that a report can be written where its option says, creating missing folders
 * so that `--junit out/junit.xml` works in a fresh clone; a run is not wasted on a path it cannot write at its
 * end. Returns one line naming the problem and the fix, or undefined.
 */
export function reportFileProblem({ option, path, format }: ReportFile): string | undefined {
  const { output } = format;
  const kind = output === 'folder' ? 'folder' : 'file';
  if (path.trim() === '') return `${option} needs a ${kind} path, e.g. ${option}=out/report`;
  const target = resolve(path);
  try {
    const isFolder = statSync(target).isDirectory();
    if (output === 'file' && isFolder)
      return `${option} ${path} is a folder; give a file path, e.g. ${option} ${path.replace(/\/$/, '')}/report`;
    if (output === 'folder' && !isFolder)
      return `${option} ${path} is a file; give a folder, e.g. ${option} ${path}-html (its ${FOLDER_REPORT_FILE} is written)`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return `${option} ${path} cannot be written (${code}); choose another path`;
  }
  const folder = output === 'folder' ? target : dirname(target);
  try {
    makeDirectory(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${option} ${path}: its folder ${folder} cannot be created (${code}); choose another path`;
  }
  return undefined;
}

/** reportFileProblem for each report, and a problem if two reports name one file (the second would replace the first). */
export function reportFileProblems(reports: readonly ReportFile[]): string[] {
  const problems: string[] = [];
  const byFile = new Map<string, string>();
  for (const report of reports) {
    const file = resolve(reportTarget(report));
    const other = byFile.get(file);
    if (other !== undefined)
      problems.push(`${other} and ${report.option} both name ${report.path}; give each its own file`);
    else byFile.set(file, report.option);
    const problem = reportFileProblem(report);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

/** Writes a report at the end of a run; returns one line naming the problem if it could not be written. */
export function writeReportFile(report: ReportFile, text: string): string | undefined {
  try {
    if (report.format.output === 'folder') makeDirectory(report.path);
    writeFileSync(reportTarget(report), text);
    return undefined;
  } catch (error) {
    return `${report.option} ${report.path} could not be written (${(error as Error).message}); the run's results are only in the output above`;
  }
}

/** The line that says where a page (a folder report) was written: `HTML report: /abs/out/report/index.html`. */
export function pageWrittenLine(report: ReportFile): string {
  return `${report.option.slice(2).toUpperCase()} report: ${resolve(reportTarget(report))}`;
}

/**
 * Writes every report a command asks for from its outcomes: the lines naming the problems of those that could
 * not be written, and, for each page written (a folder report), the line that says where to open it.
 */
export function writeReports(
  reports: readonly ReportFile[],
  outcomes: readonly EnvironmentOutcome[],
  run: RunInfo,
): { readonly problems: string[]; readonly pages: string[] } {
  const problems: string[] = [];
  const pages: string[] = [];
  for (const report of reports) {
    const problem = writeReportFile(report, report.format.render(outcomes, run));
    if (problem !== undefined) problems.push(problem);
    else if (report.format.output === 'folder') pages.push(pageWrittenLine(report));
  }
  return { problems, pages };
}
