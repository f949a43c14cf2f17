import { queryPath } from '../language/eval/jsonpath.ts';
import { compilePattern } from '../language/eval/regex-pattern.ts';
import { valueAsText } from '../language/eval/value-text.ts';
import type { DataPath } from '../language/model/data-path.ts';
import type { Failure, Observation, TemplateScope } from '../language/model/observation.ts';
import type { CaptureSpec } from '../language/model/steps.ts';
import { describeTyped, describeValue } from './describe-value.ts';
import { renderOrExplain } from './rendered.ts';

type Captured = { value: unknown } | { failure: Failure };

/** The first match of a JSONPath in the observed document. */
function fromPath(
  name: string,
  path: unknown,
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): Captured {
  try {
    const rendered = valueAsText(renderOrExplain(path, scope));
    const [first] = queryPath(rendered, observation.body);
    if (first === undefined)
      return { failure: { at, message: `capture ${name}: ${rendered} matched nothing` } };
    return { value: first };
  } catch (error) {
    return { failure: { at, message: `capture ${name}: ${(error as Error).message}` } };
  }
}

function fromHeader(
  name: string,
  header: unknown,
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): Captured {
  try {
    const headerName = valueAsText(renderOrExplain(header, scope)).toLowerCase();
    if (observation.kind !== 'http') {
      return {
        failure: {
          at,
          message: `capture ${name}: a hook's result is a document and has no headers; use path`,
        },
      };
    }
    const value = observation.headers[headerName];
    if (value === undefined) {
      const present = Object.keys(observation.headers).sort().join(', ');
      return {
        failure: {
          at,
          message: `capture ${name}: the response has no header ${headerName} (it has: ${present})`,
        },
      };
    }
    return { value };
  } catch (error) {
    return { failure: { at, message: `capture ${name}: ${(error as Error).message}` } };
  }
}

/** The first capture group of `pattern` in the value (or the whole match when the pattern has no group). */
function applyRegex(name: string, value: unknown, pattern: string, at: DataPath): Captured {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { failure: { at, message: `capture ${name}: regex needs a string, got ${describeTyped(value)}` } };
  }
  let regex: RegExp;
  try {
    regex = compilePattern(pattern);
  } catch (error) {
    return { failure: { at, message: `capture ${name}: ${(error as Error).message}` } };
  }
  const found = regex.exec(String(value));
  if (!found)
    return {
      failure: { at, message: `capture ${name}: ${describeValue(String(value))} does not match ${regex}` },
    };
  return { value: found.length > 1 ? (found[1] ?? '') : found[0] };
}

function captureOne(
  name: string,
  spec: CaptureSpec,
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): Captured {
  if (typeof spec === 'string') return fromPath(name, spec, observation, scope, [...at, name]);
  const read =
    'path' in spec
      ? fromPath(name, spec.path, observation, scope, [...at, name, 'path'])
      : fromHeader(name, spec.header, observation, scope, [...at, name, 'header']);
  if ('failure' in read || spec.regex === undefined) return read;
  return applyRegex(name, read.value, spec.regex, [...at, name, 'regex']);
}

/**
 * Captures values from what a step observed: a JSONPath's first match, a header, optionally narrowed by a regex.
 * `at` is the data path of the capture node; a capture that finds nothing is a failure pointing at its entry.
 */
export function captureValues(
  spec: Record<string, CaptureSpec>,
  observation: Observation,
  scope: TemplateScope,
  at: DataPath,
): { values: Record<string, unknown>; failures: Failure[] } {
  const values: [string, unknown][] = [];
  const failures: Failure[] = [];
  for (const [name, entry] of Object.entries(spec)) {
    const captured = captureOne(name, entry, observation, scope, at);
    if ('failure' in captured) failures.push(captured.failure);
    else values.push([name, captured.value]);
  }
  // fromEntries defines own properties, so a capture named like an Object.prototype member stays a plain value.
  return { values: Object.fromEntries(values), failures };
}
