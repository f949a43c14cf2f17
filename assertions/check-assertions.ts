import { sinceHolds } from '../language/eval/esb-revision.ts';
import { queryPath } from '../language/eval/jsonpath.ts';
import type { DataPath } from '../language/model/data-path.ts';
import type { Failure, Observation, TemplateScope } from '../language/model/observation.ts';
import type { AssertionSpec } from '../language/model/steps.ts';
import type { AssertionContext } from './assertion-context.ts';
import { MODIFIER_KEYS, SUBJECT_KEYS } from './assertion-keys.ts';
import { describeValue } from './describe-value.ts';
import { OPERATORS } from './operator-table.ts';
import type { OperatorOptions } from './operator-types.ts';
import { renderOrExplain } from './rendered.ts';
import { resolveOperand } from './resolve-operand.ts';
import { readSubject, subjectKeys } from './subject.ts';

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...SUBJECT_KEYS,
  ...MODIFIER_KEYS,
  ...Object.keys(OPERATORS),
]);

/** How many matches an `any: true` failure describes before it summarises the rest. */
const MATCHES_SHOWN = 3;
/** Longest text kept for one alternative of a failed any_of. */
const ALTERNATIVE_TEXT_LIMIT = 300;

/** A check run on one match; its failures carry their own `at` and a message without the subject's label. */
interface MatchCheck {
  readonly run: (match: unknown) => Failure[];
}

/**
 * Checks assertions against an observation: `$` is its parsed body. `at` is the data path of the list in the
 * catalogue file; each failure points at the operator (or subject, or modifier) that failed.
 */
export function checkAssertions(
  list: readonly AssertionSpec[],
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): Failure[] {
  return checkAssertionList(list, { observation, document: observation.body, scope }, at);
}

/** Checks a list of assertions in a context (the document may be a match, for nested lists). */
export function checkAssertionList(
  list: readonly AssertionSpec[],
  context: AssertionContext,
  at: DataPath,
): Failure[] {
  return list.flatMap((spec, i) => checkAssertion(spec, context, [...at, i]));
}

function failure(at: DataPath, message: string): Failure {
  return { at, message };
}

function checkAssertion(spec: AssertionSpec, context: AssertionContext, at: DataPath): Failure[] {
  if (spec.since !== undefined) {
    try {
      if (!sinceHolds(context.scope, spec.since)) return [];
    } catch (error) {
      return [failure([...at, 'since'], (error as Error).message)];
    }
  }
  const keys = Object.keys(spec).filter((key) => key !== 'since');
  const unknown = keys.filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    return unknown.map((key) =>
      failure(
        [...at, key],
        `unknown assertion key '${key}'; operators are ${Object.keys(OPERATORS).join(', ')}`,
      ),
    );
  }
  const subjects = subjectKeys(spec);
  const [subjectKey, second] = subjects;
  if (second) {
    return [
      failure([...at, second], `an assertion names one subject; this one names ${subjects.join(' and ')}`),
    ];
  }
  if (!subjectKey) {
    if (spec.any_of && keys.length === 1) return checkAlternatives(spec.any_of, context, [...at, 'any_of']);
    return [failure(at, 'an assertion needs a subject (path, header, body or value), or any_of alone')];
  }

  const subject = readSubject(subjectKey, spec, context);
  if ('problem' in subject) return [failure([...at, subjectKey], subject.problem)];
  const { label } = subject;
  let matches = subject.matches;
  if (matches.length === 0 && spec.default !== undefined) {
    try {
      matches = [renderOrExplain(spec.default, context.scope)];
    } catch (error) {
      return [failure([...at, 'default'], `${label}: default: ${(error as Error).message}`)];
    }
  }
  if (spec.parse_json) {
    const parsed = parseJsonMatches(matches);
    if ('problem' in parsed) return [failure([...at, 'parse_json'], `${label}: ${parsed.problem}`)];
    matches = parsed.values;
  }

  const failures: Failure[] = [];
  const checks: MatchCheck[] = [];
  const options: OperatorOptions = {
    ignoreCase: spec.ignore_case === true,
    query: (path) => queryPath(path, context.document),
  };
  for (const key of keys) {
    const operator = OPERATORS[key];
    if (!operator) continue;
    let operand: unknown;
    try {
      operand = resolveOperand(spec[key as keyof AssertionSpec], context);
    } catch (error) {
      failures.push(failure([...at, key], `${label}: ${key}: ${(error as Error).message}`));
      continue;
    }
    if (operator.applies === 'all-matches') {
      const message = operator.check(matches, operand, options);
      if (message) failures.push(failure([...at, key], `${label}: ${message}`));
    } else {
      checks.push({
        run: (match) => {
          const message = operator.check(match, operand, options);
          return message ? [failure([...at, key], message)] : [];
        },
      });
    }
  }
  const nested = spec.assert;
  if (nested) {
    checks.push({
      run: (match) => checkAssertionList(nested, { ...context, document: match }, [...at, 'assert']),
    });
  }
  const alternatives = spec.any_of;
  if (alternatives) {
    checks.push({
      run: (match) => checkAlternatives(alternatives, { ...context, document: match }, [...at, 'any_of']),
    });
  }
  if (checks.length === 0) return failures;
  if (matches.length === 0) {
    failures.push(
      failure(
        [...at, subjectKey],
        `${label}: matched nothing; expected a value to check (add default: <value> if absence is fine)`,
      ),
    );
  } else if (spec.any === true) {
    failures.push(...anyMatchHolds(label, matches, checks));
  } else {
    failures.push(...everyMatchHolds(label, matches, checks));
  }
  return failures;
}

function parseJsonMatches(matches: readonly unknown[]): { values: unknown[] } | { problem: string } {
  const values: unknown[] = [];
  for (const match of matches) {
    if (typeof match !== 'string') {
      values.push(match);
      continue;
    }
    try {
      values.push(JSON.parse(match));
    } catch (error) {
      return { problem: `${describeValue(match)} is not valid JSON (${(error as Error).message})` };
    }
  }
  return { values };
}

/** Every match must pass every check; one failure per failing check, naming the first failing match. */
function everyMatchHolds(
  label: string,
  matches: readonly unknown[],
  checks: readonly MatchCheck[],
): Failure[] {
  const failures: Failure[] = [];
  for (const check of checks) {
    const failing = matches
      .map((match, i) => ({ i, found: check.run(match) }))
      .filter((result) => result.found.length > 0);
    const [first] = failing;
    if (!first) continue;
    const which =
      matches.length > 1
        ? ` (match ${first.i + 1} of ${matches.length}${failing.length > 1 ? `; ${failing.length} fail` : ''})`
        : '';
    failures.push(...first.found.map((f) => failure(f.at, `${label}${which}: ${f.message}`)));
  }
  return failures;
}

/** `any: true`: some match passes every check; otherwise one failure describing the first matches. */
function anyMatchHolds(label: string, matches: readonly unknown[], checks: readonly MatchCheck[]): Failure[] {
  const results = matches.map((match) => checks.flatMap((check) => check.run(match)));
  if (results.some((found) => found.length === 0)) return [];
  const shown = results
    .slice(0, MATCHES_SHOWN)
    .map((found, i) => `match ${i + 1}: ${found.map((f) => f.message).join(' and ')}`);
  if (results.length > MATCHES_SHOWN) shown.push(`${results.length - MATCHES_SHOWN} more`);
  const at = results[0]?.[0]?.at ?? [];
  return [
    failure(at, `${label}: no match holds (any: true, ${matches.length} matches); ${shown.join('; ')}`),
  ];
}

/** any_of: the alternatives hold when every assertion of one of them holds; else one failure saying why each failed. */
export function checkAlternatives(
  alternatives: readonly (readonly AssertionSpec[])[],
  context: AssertionContext,
  at: DataPath,
): Failure[] {
  const results = alternatives.map((list, k) => checkAssertionList(list, context, [...at, k]));
  if (results.some((found) => found.length === 0)) return [];
  return [
    failure(at, `none of the ${alternatives.length} alternatives holds: ${explainAlternatives(results)}`),
  ];
}

/** `(1) why; (2) why` for failed alternatives, each cut to a readable length. */
export function explainAlternatives(results: readonly (readonly Failure[])[]): string {
  return results
    .map((found, k) => {
      const text = found.map((f) => f.message).join(' and ');
      const cut =
        text.length > ALTERNATIVE_TEXT_LIMIT ? `${text.slice(0, ALTERNATIVE_TEXT_LIMIT - 1)}…` : text;
      return `(${k + 1}) ${cut}`;
    })
    .join('; ');
}
