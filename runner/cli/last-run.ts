import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';
import { caseTitle } from '../plan/case-title.ts';
import { JsonReportError, readJsonReport } from '../report/read-json-report.ts';

/**
 * Where every run of a project keeps its JSON report, for `--last-failed` (as pytest keeps its last failures in
 * .pytest_cache): relative to the project root; a folder to leave out of version control.
 */
export const LAST_RUN_FILE = '.esb-e2e/last-run.json';

/** Why --last-failed cannot tell what to run; the message says what to do. */
export class LastRunError extends Error {}

/** Keeps the run's JSON report as the project's last run; returns why it could not, or undefined. */
export function writeLastRun(root: string, report: string): string | undefined {
  const path = join(root, LAST_RUN_FILE);
  try {
    makeDirectory(dirname(path));
    // Whole or not at all: a run started meanwhile with --last-failed reads the previous report, never half.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, report);
    renameSync(partial, path);
    return undefined;
  } catch (error) {
    return `the run could not be kept for --last-failed in ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

/** The cases of the last run to run again: by environment, the titles that failed or did not finish. */
export interface LastFailed {
  readonly only: ReadonlyMap<string, ReadonlySet<string>>;
  readonly count: number;
  readonly startedAt: Date;
}

/** Reads the project's last run; throws LastRunError when there is none or it cannot be read. */
export function readLastFailed(root: string): LastFailed {
  const path = join(root, LAST_RUN_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LastRunError(
      code === 'ENOENT'
        ? `--last-failed: no last run in this project (${path} is written at the end of every run); run esb-e2e run first`
        : `--last-failed: ${path} cannot be read (${code}); run esb-e2e run again`,
    );
  }
  try {
    const { run, environments } = readJsonReport(text, path);
    const only = new Map<string, Set<string>>();
    let count = 0;
    for (const env of environments)
      for (const c of env.cases) {
        if (c.status !== 'failed' && c.status !== 'interrupted') continue;
        const titles = only.get(env.env) ?? new Set<string>();
        only.set(env.env, titles);
        const title = caseTitle(c);
        // A case that failed in several rounds of --repeat-each runs again once (per round asked now).
        if (!titles.has(title)) count++;
        titles.add(title);
      }
    return { only, count, startedAt: run.startedAt };
  } catch (error) {
    if (!(error instanceof JsonReportError)) throw error;
    throw new LastRunError(`--last-failed: ${error.message}; run esb-e2e run again`);
  }
}
