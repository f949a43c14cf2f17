import { queryPath } from '../language/eval/jsonpath.ts';
import { valueAsText } from '../language/eval/value-text.ts';
import type { AssertionSpec } from '../language/model/steps.ts';
import type { AssertionContext } from './assertion-context.ts';
import { SUBJECT_KEYS, type SubjectKey } from './assertion-keys.ts';
import { describeValue } from './describe-value.ts';
import { renderOrExplain } from './rendered.ts';

/** What a subject read: its matches and how failure messages name it. */
export interface SubjectMatches {
  readonly key: SubjectKey;
  readonly label: string;
  readonly matches: unknown[];
}

export type SubjectResult = SubjectMatches | { readonly key: SubjectKey; readonly problem: string };

/** The subject keys an assertion gives, in order. */
export function subjectKeys(spec: AssertionSpec): SubjectKey[] {
  return SUBJECT_KEYS.filter((key) => spec[key] !== undefined);
}

/** Reads the assertion's subject from the context. */
export function readSubject(key: SubjectKey, spec: AssertionSpec, context: AssertionContext): SubjectResult {
  const { observation } = context;
  try {
    switch (key) {
      case 'path': {
        const path = valueAsText(renderOrExplain(spec.path, context.scope));
        return { key, label: path, matches: queryPath(path, context.document) };
      }
      case 'header': {
        const name = valueAsText(renderOrExplain(spec.header, context.scope)).toLowerCase();
        if (observation.kind !== 'http') {
          return { key, problem: `header ${name}: a hook's result is a document and has no headers` };
        }
        const value = observation.headers[name];
        return { key, label: `header ${name}`, matches: value === undefined ? [] : [value] };
      }
      case 'body': {
        if (spec.body !== 'raw')
          return { key, problem: `body must be raw (the response text), got ${describeValue(spec.body)}` };
        if (observation.kind !== 'http') {
          return {
            key,
            problem: "body: raw reads a response's text; a hook's result is a document: use path: $",
          };
        }
        return { key, label: 'body', matches: [observation.text] };
      }
      case 'value':
        return {
          key,
          label: `value ${describeValue(spec.value, 80)}`,
          matches: [renderOrExplain(spec.value, context.scope)],
        };
    }
  } catch (error) {
    return { key, problem: `${key} ${describeValue(spec[key], 80)}: ${(error as Error).message}` };
  }
}
