import { caseTitle } from '../plan/case-title.ts';
import { formatDuration } from './format-duration.ts';
import type { CaseOutcome } from './run-results.ts';

const MARK = { passed: '✔', failed: '✖', skipped: '-' } as const;

/** `[e2e-docker] ✔ SMK-003 test_runtime_echo[python] 0.4s`, with the reason of a skip. */
export function progressLine(c: CaseOutcome): string {
  const skip = c.status === 'skipped' ? ` (skipped: ${c.reason ?? ''})` : '';
  return `[${c.env}] ${MARK[c.status]} ${caseTitle(c)} ${formatDuration(c.durationMs)}${skip}`;
}

/** A failed case in full: its title and declaration, then the failure text indented. */
export function failureBlock(c: CaseOutcome): string {
  const body = (c.failure ?? '(no failure text)')
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`))
    .join('\n');
  return `[${c.env}] ✖ ${caseTitle(c)} (${c.file}:${c.line})\n${body}`;
}
