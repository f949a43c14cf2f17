import { textTable } from '../text/text-table.ts';
import { formatDuration } from './format-duration.ts';
import { type EnvironmentOutcome, flakyCases, totalsOf, wallTimeOf } from './run-results.ts';

/**
 * The closing table: one row per environment and suite (in run order) with passed, failed, skipped and the
 * wall time the suite's cases spanned, then one total row per environment with its whole wall time.
 */
export function summaryTable(envs: readonly EnvironmentOutcome[]): string {
  const rows: string[][] = [];
  for (const env of envs) {
    const suites = [...new Set(env.cases.map((c) => c.suite))];
    for (const suite of suites) {
      const cases = env.cases.filter((c) => c.suite === suite);
      const t = totalsOf(cases);
      rows.push([
        env.env,
        suite,
        String(t.passed),
        String(t.failed),
        String(t.skipped),
        formatDuration(wallTimeOf(cases)),
      ]);
    }
    const t = totalsOf(env.cases);
    const note =
      env.error !== undefined
        ? 'total (did not finish)'
        : t.interrupted !== undefined
          ? `total (${t.interrupted} interrupted)`
          : 'total';
    rows.push([
      env.env,
      note,
      String(t.passed),
      String(t.failed),
      String(t.skipped),
      formatDuration(env.durationMs),
    ]);
  }
  return textTable(['ENV', 'SUITE', 'PASSED', 'FAILED', 'SKIPPED', 'TIME'], rows);
}

/**
 * The closing lines: the wall time, then `e2e: 98 passed, 0 failed, 0 skipped` alone on the last line, the plain
 * form that CI systems and log scrapers read as a test summary (`, 5 interrupted` after it when the run was
 * stopped, `, 2 flaky` when `--repeat-each` saw cases both pass and fail; a flaky case's failed runs are counted
 * as failed).
 */
export function finalLine(envs: readonly EnvironmentOutcome[], durationMs: number): string {
  const t = totalsOf(envs.flatMap((e) => e.cases));
  const interrupted = t.interrupted === undefined ? '' : `, ${t.interrupted} interrupted`;
  const flaky = flakyCases(envs).length;
  const flakyNote = flaky === 0 ? '' : `, ${flaky} flaky`;
  return `run time ${formatDuration(durationMs)}\ne2e: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${interrupted}${flakyNote}`;
}
