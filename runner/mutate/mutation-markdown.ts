import type { AcceptRule } from './accepted-survivors.ts';
import type { CaseMutations } from './mutate-cases.ts';
import { type MutationReport, scoreOf, scoreText } from './mutation-report.ts';

/** A value as inline code: on one line, fenced with more backticks than it holds. */
function code(text: string): string {
  const flat = text.replaceAll('\n', ' ');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${flat}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function caseHeading(c: CaseMutations): string {
  const where = `${c.file}:${c.line}`;
  if (c.baseline !== 'passed')
    return `- ${c.title} (${where}): not mutated, it ${c.baseline} as it is: ${c.reason ?? ''}`;
  const untried =
    c.sampled !== undefined && c.tried < c.sampled ? `, ${c.sampled - c.tried} left by the time budget` : '';
  const accepted = c.survivors.filter((s) => s.accepted !== undefined).length;
  const acceptedText = accepted === 0 ? '' : ` (${accepted} accepted)`;
  return `- ${c.title} (${where}): ${c.tried} tried${untried}, ${c.killed} killed, ${c.survivors.length} survived${acceptedText} (${scoreText(scoreOf(c.killed, c.survivors.length))})`;
}

/** `\`header x-amzn-requestid *\` of \`POST /api/s3\` in STD-019, STD-021: why (12 survivors)`. */
function ruleLine(rule: AcceptRule, count: number): string {
  const request = rule.request === undefined ? '' : ` of ${code(rule.request)}`;
  const cases = rule.cases === undefined ? '' : ` in ${rule.cases.join(', ')}`;
  return `- ${code(rule.change)}${request}${cases}: ${rule.reason} (${count} survivor${count === 1 ? '' : 's'})`;
}

/** What the page says of the accepted survivors: the rules, in their file's order, and what each covered. */
export interface AcceptedSection {
  readonly file: string;
  readonly covered: ReadonlyMap<AcceptRule, number>;
}

/**
 * The mutation report of the docs (`npm run mutation-report`): how it was made (date, seed, budgets, revision), the
 * kill rate per environment and suite beside the one of the report it is compared with (`before`), the survivors
 * accepted and why (the rules of the accepted-survivors file), then each case's survivors left as gaps, the ones
 * its document promises marked.
 */
export function mutationMarkdown(
  reports: readonly MutationReport[],
  before: ReadonlyMap<string, MutationReport> = new Map(),
  accepted?: AcceptedSection,
): string {
  const [first] = reports;
  const lines: string[] = ['# Mutation report', ''];
  if (first !== undefined) {
    lines.push(
      `Made by \`npm run mutation-report\` (\`esb-e2e mutate\` on a fresh testbed per environment) on ${first.startedAt.slice(0, 10)}: seed ${first.seed}, at most ${first.budget} mutations a case and ${first.perAnswer} an answer, ${first.caseSeconds} s of reruns a case${first.esb === undefined ? '' : `, ESB ${first.esb.revision} (${first.esb.commit.slice(0, 7)})`}. A mutation is one answer of the platform changed (a value, a field, a list, the status, a header); a case that still passes on it lets it survive. Cases whose hooks restart or crash services are not mutated (\`--allow control-plane\`).`,
      '',
    );
  }
  lines.push('## Kill rate per suite', '');
  const withBefore = before.size > 0;
  const withAccepted = accepted !== undefined;
  lines.push(
    `| environment | suite | cases | tried | killed | survived |${withAccepted ? ' accepted | gaps |' : ''} score |${withBefore ? ' before |' : ''}`,
    `| --- | --- | ---: | ---: | ---: | ---: |${withAccepted ? ' ---: | ---: |' : ''} ---: |${withBefore ? ' ---: |' : ''}`,
  );
  for (const report of reports)
    for (const suite of report.suites) {
      const earlier = before.get(report.env)?.suites.find((s) => s.suite === suite.suite);
      lines.push(
        `| ${report.env} | ${suite.suite} | ${suite.cases} | ${suite.tried} | ${suite.killed} | ${suite.survived} |${withAccepted ? ` ${suite.accepted} | ${suite.survived - suite.accepted} |` : ''} ${scoreText(suite.score)} |${withBefore ? ` ${earlier === undefined ? '-' : scoreText(earlier.score)} |` : ''}`,
      );
    }
  lines.push('');
  const beforeDates = [...new Set([...before.values()].map((r) => r.startedAt.slice(0, 10)))].sort();
  const sameSample = [...before.values()].every(
    (b) =>
      first !== undefined &&
      b.seed === first.seed &&
      b.budget === first.budget &&
      b.perAnswer === first.perAnswer &&
      b.caseSeconds === first.caseSeconds,
  );
  if (withBefore)
    lines.push(
      `\`before\`: the score of the report this one is compared with, made on ${beforeDates.join(' and ')} ${sameSample ? 'with the same seed and budgets' : 'with another seed or other budgets (see its JSON)'} (\`npm run mutation-report\` keeps the one of the catalogue as it was before its cases were strengthened against the survivors).`,
      '',
    );
  if (accepted !== undefined) {
    lines.push(
      '## Accepted survivors',
      '',
      `Survivors that need no check in these cases, by the rules of \`${accepted.file}\` (\`*\` stands for any text); each says why, and how many survivors of the environments above it covers.`,
      '',
    );
    for (const [rule, count] of accepted.covered) lines.push(ruleLine(rule, count));
    lines.push('');
  }
  for (const report of reports) {
    lines.push(`## ${withAccepted ? 'Cases and the gaps left' : 'Survivors'} in ${report.env}`, '');
    for (const c of report.cases) {
      lines.push(caseHeading(c));
      for (const s of c.survivors)
        if (s.accepted === undefined)
          lines.push(
            `  - ${code(s.request)} (${s.endpoint} answer ${s.answer}): ${code(s.change)}${s.promised ? ' — its document promises this' : ''}`,
          );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
