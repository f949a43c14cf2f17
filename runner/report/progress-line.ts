import { caseTitle } from '../plan/case-title.ts';
import { formatDuration } from './format-duration.ts';
import type { CaseOutcome } from './run-results.ts';

const MARK = { passed: '✔', failed: '✖', skipped: '-', interrupted: '⊘' } as const;

/** A wait before a case's first step shorter than this is left out of its progress line. */
const WAIT_WORTH_SAYING_MS = 1000;

/**
 * `[e2e-docker] ✔ SMK-003 test_runtime_echo[python] 0.4s`, with the reason of a skip, and the wait before the
 * first step when it was long (`0.1s, after 4m31s waiting`): the duration is the case's own.
 */
export function progressLine(c: CaseOutcome): string {
  const skip = c.status === 'skipped' ? ` (skipped: ${c.reason ?? ''})` : '';
  const waited =
    c.waitMs !== undefined && c.waitMs >= WAIT_WORTH_SAYING_MS
      ? ` (after ${formatDuration(c.waitMs)} waiting for a run slot, the target or other cases' resources)`
      : '';
  return `[${c.env}] ${MARK[c.status]} ${caseTitle(c)}${repeatNote(c)} ${formatDuration(c.durationMs)}${waited}${skip}`;
}

/** ` (repeat 2)` for the second run of a case under `--repeat-each`; empty otherwise. */
export function repeatNote(c: CaseOutcome): string {
  return c.repeat === undefined ? '' : ` (repeat ${c.repeat})`;
}

/** A case the run stopped before it finished: its title and declaration, and what stopped it. */
export function interruptedLine(c: CaseOutcome): string {
  return `[${c.env}] ${MARK.interrupted} ${caseTitle(c)}${repeatNote(c)} (${c.file}:${c.line}) ${c.reason ?? 'not finished'}`;
}

/** A failed case in full: its title and declaration, then the failure text indented. */
export function failureBlock(c: CaseOutcome): string {
  const body = (c.failure ?? '(no failure text)')
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`))
    .join('\n');
  return `[${c.env}] ✖ ${caseTitle(c)}${repeatNote(c)} (${c.file}:${c.line})\n${body}`;
}
