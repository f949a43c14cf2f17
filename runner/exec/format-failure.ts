import type { DataPath } from '../../language/model/data-path.ts';
import { escapeControls } from '../../language/text/control-characters.ts';
import type { Redactor } from '../config/redact.ts';
import { displayWidth } from '../text/display-width.ts';
import { cutNote, redirectNote } from './http-client.ts';
import type { Evidence, StepFailedError } from './step-failure.ts';

/** Where a case lives, for pointing into its file. */
export interface FailureSite {
  readonly caseId: string;
  readonly caseName: string;
  /** Catalogue file relative to the project root. */
  readonly file: string;
  /** The file's text, when it could be read; the failure then quotes the line with a caret. */
  readonly source: string | undefined;
  locate(path: DataPath): { readonly line: number; readonly col: number; readonly span?: number };
}

/** How much of a request or response body the failure text quotes. */
export const BODY_EXCERPT_CHARS = 500;

/** A body on one line: a server's newlines and control characters escaped, cut with a note. */
function excerpt(text: string): string {
  if (text.length <= BODY_EXCERPT_CHARS) return escapeControls(text);
  return `${escapeControls(text.slice(0, BODY_EXCERPT_CHARS))}… (${text.length - BODY_EXCERPT_CHARS} more characters)`;
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** `file:line:col: message`, then the source line with a caret under the node, as formatDiagnostic does. */
function located(site: FailureSite, at: DataPath, message?: string): string {
  const pos = site.locate(at);
  const where = `${site.file}:${pos.line}:${pos.col}`;
  const lines = [message === undefined ? where : `${where}: ${message}`];
  const text = site.source?.split('\n')[pos.line - 1];
  if (text !== undefined) {
    const gutter = String(pos.line);
    const chars = [...text];
    const before = chars.slice(0, Math.max(0, pos.col - 1)).join('');
    const marked = chars.slice(Math.max(0, pos.col - 1), Math.max(0, pos.col - 1) + (pos.span ?? 1)).join('');
    lines.push(`${' '.repeat(gutter.length)} |`);
    lines.push(`${gutter} | ${text}`);
    lines.push(
      `${' '.repeat(gutter.length)} | ${' '.repeat(displayWidth(before))}${'^'.repeat(Math.max(1, displayWidth(marked)))}`,
    );
  }
  return lines.join('\n');
}

function headerLines(headers: Readonly<Record<string, string>>, redactor: Redactor): string[] {
  return Object.entries(redactor.redactHeaders(headers)).map(
    ([name, value]) => `    ${escapeControls(name)}: ${escapeControls(value)}`,
  );
}

function evidenceLines(evidence: Evidence, redactor: Redactor): string[] {
  if (evidence.kind === 'hook') {
    const lines = [`  hook: ${evidence.hook} with ${JSON.stringify(evidence.args)}`];
    if (evidence.document !== undefined) {
      lines.push(`  returned: ${excerpt(JSON.stringify(evidence.document) ?? 'undefined')}`);
    }
    if (evidence.error !== undefined) lines.push(`  error: ${evidence.error}`);
    return lines;
  }
  const { request, response } = evidence;
  const lines = [`  request: ${request.method} ${request.url}`, ...headerLines(request.headers, redactor)];
  if (request.body !== undefined) lines.push(`    body: ${excerpt(request.body)}`);
  if (response !== undefined) {
    lines.push(`  response: ${response.status} in ${Math.round(response.latencyMs)} ms`);
    const type = response.headers['content-type'];
    if (type !== undefined) lines.push(`    content-type: ${escapeControls(type)}`);
    const redirect = redirectNote(response);
    if (redirect !== '') lines.push(`    ${redirect}`);
    const cut = cutNote(response);
    if (cut !== '') lines.push(`    ${cut}`);
    lines.push(`    body: ${excerpt(response.text)}`);
  }
  if (evidence.error !== undefined) lines.push(`  no response: ${evidence.error}`);
  return lines;
}

/**
 * The failure text of a step: case, the step's place in the file, loop/parallel context, the request and
 * response (or hook run), and every unmet expectation at its own place. What the run and the servers supplied
 * (context values, the exchange, the messages) passes the redactor; the case's name, the file name and the
 * quoted catalogue lines do not, so a secret that happens to be a common word cannot alter them.
 */
export function formatStepFailure(site: FailureSite, error: StepFailedError, redactor: Redactor): string {
  const { step } = error;
  const label = `${step.name === undefined ? '' : `"${step.name}" `}(${step.kind})`;
  const parts = [
    `${site.caseId} ${site.caseName}: step ${label} failed`,
    located(site, step.at, `the failing step ${label}`),
  ];
  if (error.context.length > 0) parts.push(redactor.redact(`  in: ${error.context.join(', inside ')}`));
  if (error.evidence !== undefined)
    parts.push(...evidenceLines(error.evidence, redactor).map((line) => redactor.redact(line)));
  parts.push('  expected:');
  for (const failure of error.failures)
    parts.push(indent(located(site, failure.at, redactor.redact(failure.message)), '    '));
  return parts.join('\n');
}

/** The failure text of a problem outside the steps (skip_if, fixture, vars): the case and the place. */
export function formatCaseFailure(
  site: FailureSite,
  at: DataPath,
  message: string,
  redactor: Redactor,
): string {
  return `${site.caseId} ${site.caseName}: ${redactor.redact(message)}\n${located(site, at)}`;
}
