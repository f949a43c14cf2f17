import { fillIn, type GoldenLine, type GoldenSecrets } from './golden-lines.ts';
import { TESTBED_CHOICES } from './testbed-choices.ts';

/** What the stand-in answered to a line's request. */
export interface Answer {
  readonly status: number;
  /** Names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Where FastAPI serves its generated OpenAPI document. */
const OPENAPI_PATH = '/openapi.json';

/** The recording's placeholders for values that differ per run, and what each stands for. */
const PLACEHOLDER: Readonly<Record<string, string>> = {
  '<uuid>': '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '<iso-time>': '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?',
  '<jwt>': '[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*',
  '<trace-root>': '1-[0-9a-f]{8}-[0-9a-f]{24}',
  '<epoch-s>': '\\d{9,11}',
};
const PLACEHOLDER_SPLIT = new RegExp(`(${Object.keys(PLACEHOLDER).join('|')})`);

/** Whether a recorded string (placeholders and secrets in it) matches an actual one. */
export function textMatches(expected: string, actual: string, secrets: GoldenSecrets): boolean {
  const parts = fillIn(expected, secrets).split(PLACEHOLDER_SPLIT);
  const pattern = parts
    .map((part, i) => (i % 2 === 1 ? PLACEHOLDER[part] : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Differences between a recorded JSON value and an actual one, by path; `byShape` paths compare by type. */
function valueDifferences(
  expected: unknown,
  actual: unknown,
  path: string,
  secrets: GoldenSecrets,
  byShape: ReadonlySet<string>,
): string[] {
  if (byShape.has(path))
    return kindOf(expected) === kindOf(actual)
      ? []
      : [`${path}: expected a ${kindOf(expected)} (its value varies), got ${show(actual)}`];
  if (typeof expected === 'string')
    return typeof actual === 'string' && textMatches(expected, actual, secrets)
      ? []
      : [`${path}: expected ${show(fillIn(expected, secrets))}, got ${show(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
    return expected.flatMap((item, i) =>
      valueDifferences(item, actual[i], `${path}[${i}]`, secrets, byShape),
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: expected an object, got ${show(actual)}`];
    const missing = Object.keys(expected).filter((k) => !(k in actual));
    const extra = Object.keys(actual).filter((k) => !(k in expected));
    return [
      ...missing.map((k) => `${path}.${k}: missing`),
      ...extra.map(
        (k) => `${path}.${k}: not in the recording (${show((actual as Record<string, unknown>)[k])})`,
      ),
      ...Object.entries(expected).flatMap(([k, v]) =>
        k in actual
          ? valueDifferences(v, (actual as Record<string, unknown>)[k], `${path}.${k}`, secrets, byShape)
          : [],
      ),
    ];
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * How an answer differs from a line's recorded response: the status, each header the recording keeps, and the
 * body (JSON by value with placeholders, values that varied between recordings by type; a generated HTML page by
 * its content type only, the OpenAPI document by its version and the presence of routes; an empty body as empty).
 * Empty when they match.
 */
export function answerDifferences(line: GoldenLine, answer: Answer, secrets: GoldenSecrets): string[] {
  const out: string[] = [];
  const expected = line.response;
  if (answer.status !== expected.status)
    out.push(`status: expected ${expected.status}, got ${answer.status}`);
  for (const [name, value] of Object.entries(expected.headers)) {
    const actual = answer.headers[name.toLowerCase()];
    if (actual === undefined) out.push(`header ${name}: missing (expected ${show(fillIn(value, secrets))})`);
    else if (!textMatches(value, actual, secrets))
      out.push(`header ${name}: expected ${show(fillIn(value, secrets))}, got ${show(actual)}`);
  }
  if (expected.body_kind === 'json') {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      out.push(`body: expected JSON, got ${show(answer.text)}`);
      return out;
    }
    // ESB's OpenAPI document describes ESB's routes; the stand-in's describes its own, in the same version.
    if (line.request.path === OPENAPI_PATH) {
      const doc = body as { openapi?: unknown; info?: unknown; paths?: unknown };
      if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1.'))
        out.push(`body $.openapi: expected 3.1.x, got ${show(doc.openapi)}`);
      if (typeof doc.info !== 'object' || doc.info === null) out.push('body $.info: missing');
      if (typeof doc.paths !== 'object' || doc.paths === null || Object.keys(doc.paths).length === 0)
        out.push('body $.paths: expected the routes');
      return out;
    }
    // unstable_paths are written from the whole response: $.body.<…>
    const byShape = new Set((line.unstable_paths ?? []).map((p) => p.replace(/^\$\.body/, '$')));
    const choices = TESTBED_CHOICES.filter((choice) => choice.applies(line));
    const normalised = (value: unknown) => choices.reduce((v, choice) => choice.normalise(v), value);
    out.push(
      ...valueDifferences(normalised(expected.body), normalised(body), '$', secrets, byShape).map(
        (d) => `body ${d}`,
      ),
    );
  } else if (expected.body_kind === undefined && (expected.body_bytes ?? 0) === 0 && answer.text !== '') {
    out.push(`body: expected none, got ${show(answer.text)}`);
  }
  return out;
}
