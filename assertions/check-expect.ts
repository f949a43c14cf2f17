import { parseBody } from '../language/eval/parse-body.ts';
import type { DataPath } from '../language/model/data-path.ts';
import type { Failure, HttpObservation, Observation, TemplateScope } from '../language/model/observation.ts';
import type { ExpectSpec } from '../language/model/steps.ts';
import { escapeControls } from '../language/text/control-characters.ts';
import { checkAssertions, explainAlternatives } from './check-assertions.ts';
import { describeTyped } from './describe-value.ts';
import { checkBounds } from './number-comparison.ts';
import { renderOrExplain } from './rendered.ts';

/** Body text shown with an unexpected status, enough to see the error the server gave. */
const BODY_EXCERPT_LIMIT = 200;

/** The observation as `parse` asks to read it: the text parsed again when it was parsed another way. */
function reparsed(observation: Observation, parse: ExpectSpec['parse']): Observation {
  if (!parse || observation.kind !== 'http' || observation.parsedAs === parse) return observation;
  return { ...observation, body: parseBody(observation.text, parse), parsedAs: parse };
}

function checkStatus(expected: ExpectSpec['status'], observation: HttpObservation): string | undefined {
  let problem: string | undefined;
  if (typeof expected === 'number' || Array.isArray(expected)) {
    const accepted: readonly number[] = typeof expected === 'number' ? [expected] : expected;
    if (accepted.includes(observation.status)) return undefined;
    const wanted = accepted.length === 1 ? `${accepted[0]}` : `one of ${accepted.join(', ')}`;
    problem = `expected status ${wanted}, got ${observation.status}`;
  } else {
    // A range such as {gte: 500}: "a server error" without listing every status.
    problem = checkBounds('status', observation.status, expected);
    if (problem === undefined) return undefined;
  }
  const text = escapeControls(observation.text.replace(/\s+/g, ' ').trim());
  const cut = text.length > BODY_EXCERPT_LIMIT ? `${text.slice(0, BODY_EXCERPT_LIMIT - 1)}…` : text;
  const body = text === '' ? 'empty body' : `body: ${cut}`;
  return `${problem} (${body})`;
}

function checkLatency(
  limit: unknown,
  observation: HttpObservation,
  scope: TemplateScope,
): string | undefined {
  let seconds: unknown;
  try {
    seconds = renderOrExplain(limit, scope);
  } catch (error) {
    return `latency_under: ${(error as Error).message}`;
  }
  if (typeof seconds !== 'number')
    return `latency_under must be a number of seconds, got ${describeTyped(seconds)}`;
  const actual = observation.latencyMs / 1000;
  return actual < seconds ? undefined : `expected latency under ${seconds} s, got ${actual.toFixed(3)} s`;
}

/**
 * Checks an expect block against what a step observed. `at` is the data path of the expect node; failures point
 * at `status`, `latency_under`, the failing assertion operator, or `any_of` (one failure saying why each
 * alternative failed). `parse` re-reads the response text when it was parsed otherwise.
 */
export function checkExpect(
  expect: ExpectSpec,
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): Failure[] {
  const seen = reparsed(observation, expect.parse);
  const failures: Failure[] = [];
  const documentOnly = (key: string) =>
    failures.push({
      at: [...at, key],
      message: `${key} applies to HTTP responses; a hook's result is a document (use assert)`,
    });
  if (expect.status !== undefined) {
    if (seen.kind !== 'http') documentOnly('status');
    else {
      const message = checkStatus(expect.status, seen);
      if (message) failures.push({ at: [...at, 'status'], message });
    }
  }
  if (expect.latency_under !== undefined) {
    if (seen.kind !== 'http') documentOnly('latency_under');
    else {
      const message = checkLatency(expect.latency_under, seen, scope);
      if (message) failures.push({ at: [...at, 'latency_under'], message });
    }
  }
  if (expect.assert) failures.push(...checkAssertions(expect.assert, seen, scope, [...at, 'assert']));
  if (expect.any_of) {
    const results = expect.any_of.map((alternative, k) =>
      checkExpect(alternative, seen, scope, [...at, 'any_of', k]),
    );
    if (!results.some((found) => found.length === 0)) {
      failures.push({
        at: [...at, 'any_of'],
        message: `none of the ${expect.any_of.length} alternatives holds: ${explainAlternatives(results)}`,
      });
    }
  }
  return failures;
}
