import { parseBody } from '../../language/eval/parse-body.ts';
import { createScope } from '../../language/eval/scope.ts';
import type {
  DocumentObservation,
  HttpObservation,
  TemplateScope,
} from '../../language/model/observation.ts';

/** An HTTP observation as the executor builds it, for a JSON (or other) response text. */
export function httpObservation(
  text: string,
  options: {
    status?: number;
    headers?: Record<string, string>;
    parsedAs?: 'json' | 'json_lines' | 'text';
    latencyMs?: number;
  } = {},
): HttpObservation {
  const parsedAs = options.parsedAs ?? 'json';
  return {
    kind: 'http',
    status: options.status ?? 200,
    headers: options.headers ?? { 'content-type': 'application/json' },
    text,
    body: parseBody(text, parsedAs),
    parsedAs,
    latencyMs: options.latencyMs ?? 12,
  };
}

export function jsonObservation(
  body: unknown,
  options: Parameters<typeof httpObservation>[1] = {},
): HttpObservation {
  return httpObservation(JSON.stringify(body), options);
}

export function documentObservation(body: unknown): DocumentObservation {
  return { kind: 'document', body };
}

export function testScope(vars: Record<string, unknown> = {}): TemplateScope {
  return createScope({
    matrix: { runtime: 'python' },
    env: {},
    settings: { max: 5 },
    vars,
    auth: { token: 'secret-token' },
    caseStart: new Date(0),
  });
}
