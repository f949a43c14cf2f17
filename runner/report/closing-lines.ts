import { failureBlock, interruptedLine } from './progress-line.ts';
import { type EnvironmentOutcome, flakyCases } from './run-results.ts';
import { finalLine, summaryTable } from './summary-table.ts';

/**
 * What a run prints once its cases have ended, and merge-reports prints for the shards it merged: every failure
 * in full, the interrupted cases, the environments that did not finish, the flaky cases of `--repeat-each`, the
 * table per environment and suite, then the closing lines.
 */
export function closingLines(outcomes: readonly EnvironmentOutcome[], durationMs: number): string[] {
  const lines: string[] = [];
  const failures = outcomes.flatMap((e) => e.cases.filter((c) => c.status === 'failed'));
  if (failures.length > 0) {
    lines.push('\nFailures:\n');
    for (const c of failures) lines.push(`${failureBlock(c)}\n`);
  }
  const interrupted = outcomes.flatMap((e) => e.cases.filter((c) => c.status === 'interrupted'));
  if (interrupted.length > 0) {
    lines.push('\nInterrupted (not failed: the run was stopped before they finished):\n');
    for (const c of interrupted) lines.push(interruptedLine(c));
  }
  for (const e of outcomes) if (e.error !== undefined) lines.push(`[${e.env}] did not finish: ${e.error}`);
  const flaky = flakyCases(outcomes);
  if (flaky.length > 0) {
    lines.push('\nFlaky (passed in some runs, failed in others; their failures are above):\n');
    for (const f of flaky)
      lines.push(
        `[${f.env}] ${f.title} (${f.file}:${f.line}): passed ${f.passed}, failed ${f.failed} (repeat ${f.failures.map((c) => c.repeat).join(', ')})`,
      );
  }
  lines.push(`\n${summaryTable(outcomes)}\n`);
  lines.push(finalLine(outcomes, durationMs));
  return lines;
}
