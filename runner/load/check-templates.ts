import { subexpressions } from '../../language/eval/expression-walk.ts';
import { FIXED_SCOPE_MEMBERS, MAX_HEX_DIGITS } from '../../language/eval/scope-names.ts';
import { templateProblems } from '../../language/eval/template.ts';
import { parseTemplatePieces } from '../../language/eval/template-parse.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { Fixture, StepSpec } from '../../language/model/steps.ts';
import { nestedSteps, walkSteps } from '../../language/model/walk-steps.ts';
import { deriveSettings } from '../config/settings.ts';
import { didYouMean } from '../text/closest-name.ts';
import type { RawExecution } from './case-execution.ts';
import { esbNodeProblem } from './check-esb-names.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { RevisionContext } from './load-esb-revisions.ts';
import { positionInScalar } from './scalar-position.ts';
import type { YamlSource } from './yaml-source.ts';

/** The names `${settings.<name>}` may use: the keys of the settings that an empty environment derives. */
const SETTING_NAMES: readonly string[] = Object.keys(deriveSettings({}));

/** The scope functions of a root with fixed members, for "names nothing" messages. */
const SCOPE_FUNCTION_TEXT: Readonly<Record<string, string>> = {
  random: ', and the function random.hex(n)',
  esb: ", and the function esb.since('<revision>')",
};

/** Whether `root.key` is a member of a scope with fixed members (true for the other scopes). */
function fixedMemberKnown(root: string, key: string): boolean {
  const members = FIXED_SCOPE_MEMBERS[root];
  return members === undefined || members.includes(key);
}

/** What a template may refer to where it is written. */
interface TemplateContext {
  readonly area: 'skip_if' | 'vars' | 'steps';
  /** Vars and captures usable here: declared earlier. */
  readonly declared: ReadonlySet<string>;
  /** Inside the steps of a parallel or loop, where ${index} is defined. */
  readonly inRepeat: boolean;
}

/** Every string inside a value, with its path relative to the value; mapping keys are not templates. */
function* stringsIn(value: unknown, path: DataPath = []): Generator<[string, DataPath]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, i]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...path, key]);
}

/** The parts of a step that belong to it, not to the steps a parallel or loop holds. */
function* ownParts(step: StepSpec): Generator<[unknown, DataPath]> {
  const nested = nestedSteps(step);
  for (const [key, value] of Object.entries(step)) {
    if (nested && key === nested.key) {
      for (const [inner, innerValue] of Object.entries(value as object))
        if (inner !== 'steps') yield [innerValue, [key, inner]];
    } else yield [value, [key]];
  }
}

/**
 * Checks every template of one declaration's skip_if, vars and steps at load time: syntax (language/eval), and
 * that each reference can resolve at run time: a matrix key the case has, a var or capture declared earlier,
 * ${index} only inside parallel or loop, ${auth.token} only with a login. Matrix values are not substituted
 * here; they are rendered at run time.
 */
export function checkTemplates(
  exec: RawExecution,
  casePath: DataPath,
  source: YamlSource,
  matrixKeys: readonly string[],
  caseIds: readonly string[],
  revisions: RevisionContext,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const steps = exec.steps ?? [];
  // Where each var and capture is declared, to tell "declared later" from "never declared".
  const declaredAt = new Map<string, DataPath>();
  for (const name of Object.keys(exec.vars ?? {})) declaredAt.set(name, [...casePath, 'vars', name]);
  for (const { step, path } of walkSteps(steps)) {
    if (!('capture' in step) || step.capture === undefined) continue;
    for (const name of Object.keys(step.capture))
      if (!declaredAt.has(name)) declaredAt.set(name, [...casePath, ...path, 'capture', name]);
  }
  const fixture: Fixture = exec.fixture ?? 'auth';

  const report = (
    code: string,
    path: DataPath,
    offset: number,
    length: number,
    message: string,
    fix: string,
  ) =>
    diagnostics.push({
      code,
      file: source.file,
      ...positionInScalar(source, path, offset, length),
      caseIds,
      message,
      fix,
    });

  const checkReference = (
    name: string,
    path: DataPath,
    offset: number,
    length: number,
    ctx: TemplateContext,
  ) => {
    const [root, key] = name.split('.');
    const written = `\${${name}}`;
    if (root === 'matrix' && key !== undefined && !matrixKeys.includes(key)) {
      report(
        'unknown-matrix-key',
        path,
        offset,
        length,
        `${written} names no matrix key of this case.${didYouMean(key, matrixKeys)}`,
        matrixKeys.length > 0
          ? `use one of ${matrixKeys.map((k) => `\${matrix.${k}}`).join(', ')}`
          : 'this case has no matrix; add one, or write the value itself',
      );
    } else if (root === 'settings' && key !== undefined && !SETTING_NAMES.includes(key)) {
      report(
        'unknown-setting',
        path,
        offset,
        length,
        `${written} names no setting.${didYouMean(key, SETTING_NAMES)}`,
        `use one of the settings of runner/config/settings.ts: ${SETTING_NAMES.join(', ')}`,
      );
    } else if (key !== undefined && root !== undefined && !fixedMemberKnown(root, key)) {
      const members = FIXED_SCOPE_MEMBERS[root] ?? [];
      report(
        'unknown-reference',
        path,
        offset,
        length,
        `${written} names nothing: ${root} has ${members.join(', ')}${SCOPE_FUNCTION_TEXT[root] ?? ''}.${didYouMean(key, members)}`,
        `use one of ${members.map((m) => `\${${root}.${m}}`).join(', ')} (docs/catalogue-steps.md, Templates and expressions)`,
      );
    } else if (root === 'vars' && key !== undefined && !ctx.declared.has(key)) {
      const later = declaredAt.get(key);
      let message: string;
      let fix: string;
      if (ctx.area === 'skip_if') {
        message = `${written} in skip_if: skip_if is checked before vars are evaluated and before any step runs`;
        fix = 'base the condition on settings, env or matrix values';
      } else if (later !== undefined) {
        const at = source.locate(later);
        message = `${written} is used before it is declared (at line ${at.line})`;
        fix = 'declare or capture it before this point, or move this use after it';
      } else {
        message = `unknown variable ${written}.${didYouMean(key, declaredAt.keys())}`;
        const known = [...ctx.declared];
        fix = `declare it under vars or capture it in an earlier step${known.length > 0 ? `; declared so far: ${known.join(', ')}` : ''}`;
      }
      report('unknown-var', path, offset, length, message, fix);
    } else if (root === 'index' && !ctx.inRepeat) {
      report(
        'index-outside-repeat',
        path,
        offset,
        length,
        `${written} is defined only inside the steps of a parallel or loop`,
        'move this step into a parallel or loop, or write the number itself',
      );
    } else if (root === 'auth' && fixture !== 'auth') {
      report(
        'token-without-login',
        path,
        offset,
        length,
        `${written} needs a login, but the case's fixture is ${fixture}`,
        'give the case fixture: auth (the default), or do without the token',
      );
    }
  };

  const checkValue = (value: unknown, path: DataPath, ctx: TemplateContext) => {
    for (const [text, inner] of stringsIn(value)) {
      if (!text.includes('${')) continue;
      const at = [...path, ...inner];
      const problems = templateProblems(text);
      for (const p of problems)
        report(
          'template-syntax',
          at,
          p.offset,
          1,
          p.message,
          'correct the expression inside ${…} (docs/catalogue-steps.md, Templates and expressions); write $${ for a literal ${',
        );
      if (problems.length > 0) continue;
      for (const piece of parseTemplatePieces(text)) {
        if (piece.kind !== 'expression') continue;
        const nodes = [...subexpressions(piece.expression)];
        for (const ref of nodes)
          if (ref.kind === 'reference')
            checkReference(ref.name, at, piece.offset + 2 + ref.start, ref.end - ref.start, ctx);
        for (const node of nodes) {
          const problem = esbNodeProblem(node, revisions);
          if (problem === undefined) continue;
          const marked = problem.atArgument ?? node;
          const offset = piece.offset + 2 + marked.start;
          report(problem.code, at, offset, marked.end - marked.start, problem.message, problem.fix);
        }
        for (const call of nodes) {
          if (call.kind !== 'call') continue;
          const [digits] = call.args;
          if (call.name !== 'random.hex' || digits?.kind !== 'literal' || typeof digits.value !== 'number')
            continue;
          if (Number.isInteger(digits.value) && digits.value >= 1 && digits.value <= MAX_HEX_DIGITS) continue;
          report(
            'bad-argument',
            at,
            piece.offset + 2 + digits.start,
            digits.end - digits.start,
            `random.hex(${digits.value}): the number of digits must be a whole number from 1 to ${MAX_HEX_DIGITS}`,
            `write random.hex(n) with n from 1 to ${MAX_HEX_DIGITS}, e.g. random.hex(8)`,
          );
        }
      }
    }
  };

  for (const [i, condition] of (exec.skip_if ?? []).entries())
    checkValue(condition, [...casePath, 'skip_if', i], {
      area: 'skip_if',
      declared: new Set(),
      inRepeat: false,
    });

  const declared = new Set<string>();
  for (const [name, value] of Object.entries(exec.vars ?? {})) {
    checkValue(value, [...casePath, 'vars', name], {
      area: 'vars',
      declared: new Set(declared),
      inRepeat: false,
    });
    declared.add(name);
  }

  for (const { step, path, repeatDepth } of walkSteps(steps)) {
    // A parallel or loop's own count is evaluated outside it: ownParts leaves the steps it holds to the walk.
    const ctx: TemplateContext = { area: 'steps', declared: new Set(declared), inRepeat: repeatDepth > 0 };
    for (const [value, part] of ownParts(step)) checkValue(value, [...casePath, ...path, ...part], ctx);
    if ('capture' in step && step.capture !== undefined)
      for (const name of Object.keys(step.capture)) declared.add(name);
  }
  return diagnostics;
}
