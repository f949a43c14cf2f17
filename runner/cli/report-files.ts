import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';

/** A report file a run writes at its end: which option named it, and where. */
export interface ReportFile {
  readonly option: string;
  readonly path: string;
}

/**
 * Checks, before any case runs, that a report can be written where its option says, creating missing folders
 * so that `--junit out/junit.xml` works in a fresh clone; a run is not wasted on a path it cannot write at its
 * end. Returns one line naming the problem and the fix, or undefined.
 */
export function reportFileProblem({ option, path }: ReportFile): string | undefined {
  if (path.trim() === '') return `${option} needs a file path, e.g. ${option}=out/report`;
  const file = resolve(path);
  try {
    if (statSync(file).isDirectory())
      return `${option} ${path} is a folder; give a file path, e.g. ${option} ${path.replace(/\/$/, '')}/report`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return `${option} ${path} cannot be written (${code}); choose another path`;
  }
  try {
    makeDirectory(dirname(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${option} ${path}: its folder ${dirname(file)} cannot be created (${code}); choose another path`;
  }
  return undefined;
}

/** reportFileProblem for each report, and a problem if two reports name one file (the second would replace the first). */
export function reportFileProblems(reports: readonly ReportFile[]): string[] {
  const problems: string[] = [];
  const byFile = new Map<string, string>();
  for (const report of reports) {
    const file = resolve(report.path);
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
    writeFileSync(report.path, text);
    return undefined;
  } catch (error) {
    return `${report.option} ${report.path} could not be written (${(error as Error).message}); the run's results are only in the output above`;
  }
}
