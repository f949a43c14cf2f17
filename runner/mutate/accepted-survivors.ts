import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../load/diagnostic.ts';
import { parseAndValidate } from '../load/validated-yaml.ts';
import type { CaseMutations, Survivor } from './mutate-cases.ts';
import { type MutationReport, suiteScores } from './mutation-report.ts';

/** One rule of an accepted-survivors file: which survivors it covers, and why they need no check. */
export interface AcceptRule {
  readonly change: string;
  readonly request?: string;
  readonly cases?: readonly string[];
  readonly reason: string;
  /** Where the rule is, for the warning when it matches nothing. */
  readonly file: string;
  readonly line: number;
}

export type AcceptedLoad =
  | { readonly rules: readonly AcceptRule[]; readonly diagnostics: readonly [] }
  | { readonly rules: undefined; readonly diagnostics: readonly Diagnostic[] };

/**
 * Reads an accepted-survivors file (schema/mutation-accepted.schema.json): parsed and validated the way every
 * YAML file of the project is, so a mistake is reported at its line and column.
 */
export function loadAcceptRules(root: string, file: string, text: string): AcceptedLoad {
  const { source, diagnostics } = parseAndValidate(root, file, text, 'mutation-accepted');
  if (source === undefined) return { rules: undefined, diagnostics };
  const data = source.data as { accepted: Omit<AcceptRule, 'file' | 'line'>[] };
  const rules = data.accepted.map((rule, index) => ({
    ...rule,
    file,
    line: source.locate(['accepted', index]).line,
  }));
  return { rules, diagnostics: [] };
}

/**
 * Reads and loads the accepted-survivors file at `path` (absolute, or from the working directory): its rules, or
 * the problems to print, each diagnostic rendered with its line and caret. The file is named from the project's
 * root, as every YAML file of the project is (its $schema line is checked from there).
 */
export function readAcceptRules(
  root: string,
  path: string,
):
  | { readonly rules: readonly AcceptRule[] }
  | { readonly rules: undefined; readonly problems: readonly string[] } {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    return {
      rules: undefined,
      problems: [`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`],
    };
  }
  const loaded = loadAcceptRules(root, relative(root, resolve(path)).replaceAll('\\', '/'), text);
  if (loaded.rules !== undefined) return { rules: loaded.rules };
  return { rules: undefined, problems: loaded.diagnostics.map((d) => formatDiagnostic(d, text)) };
}

/** A pattern where * stands for any text and everything else for itself. */
function globMatcher(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

interface CompiledRule {
  readonly rule: AcceptRule;
  readonly change: RegExp;
  readonly request: RegExp | undefined;
  readonly cases: readonly RegExp[] | undefined;
}

function compile(rule: AcceptRule): CompiledRule {
  return {
    rule,
    change: globMatcher(rule.change),
    request: rule.request === undefined ? undefined : globMatcher(rule.request),
    cases: rule.cases?.map(globMatcher),
  };
}

function covers(rule: CompiledRule, c: CaseMutations, s: Survivor): boolean {
  return (
    rule.change.test(s.change) &&
    (rule.request === undefined || rule.request.test(s.request)) &&
    (rule.cases === undefined || rule.cases.some((id) => id.test(c.id)))
  );
}

/**
 * Marks survivors accepted, case by case as they come: every survivor a rule covers gets that rule's reason (the
 * first rule that covers it), and each rule counts what it covered, so that a rule that covered nothing (left
 * behind after its cases were strengthened, or mistyped) can be reported rather than hide new gaps.
 */
export class SurvivorAcceptance {
  private readonly compiled: readonly CompiledRule[];
  private readonly counts: Map<AcceptRule, number>;

  constructor(private readonly rules: readonly AcceptRule[]) {
    this.compiled = rules.map(compile);
    this.counts = new Map(rules.map((rule) => [rule, 0]));
  }

  /** The case with its survivors marked (a mark it had before is replaced). */
  mark(c: CaseMutations): CaseMutations {
    return {
      ...c,
      survivors: c.survivors.map((s) => {
        const { accepted: _earlier, ...survivor } = s;
        const rule = this.compiled.find((r) => covers(r, c, survivor));
        if (rule === undefined) return survivor;
        this.counts.set(rule.rule, (this.counts.get(rule.rule) ?? 0) + 1);
        return { ...survivor, accepted: rule.rule.reason };
      }),
    };
  }

  /** How many survivors each rule covered so far, in the file's order. */
  get covered(): ReadonlyMap<AcceptRule, number> {
    return this.counts;
  }

  /** The rules that covered no survivor so far. */
  get unused(): AcceptRule[] {
    return this.rules.filter((rule) => this.counts.get(rule) === 0);
  }
}

/** The reports with their survivors marked and their suite totals counted again, and what each rule covered. */
export function acceptSurvivors(
  reports: readonly MutationReport[],
  rules: readonly AcceptRule[],
): { reports: MutationReport[]; covered: ReadonlyMap<AcceptRule, number>; unused: AcceptRule[] } {
  const acceptance = new SurvivorAcceptance(rules);
  const marked = reports.map((report) => {
    const cases = report.cases.map((c) => acceptance.mark(c));
    return { ...report, cases, suites: suiteScores(cases) };
  });
  return { reports: marked, covered: acceptance.covered, unused: acceptance.unused };
}

/** The warning for a rule that covered no survivor. */
export const unusedRuleLine = (rule: AcceptRule) =>
  `${rule.file}:${rule.line}: the accepted-survivors rule for ${rule.change}${rule.request === undefined ? '' : ` of ${rule.request}`} covers no survivor; remove it`;
