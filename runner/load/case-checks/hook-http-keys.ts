import { catalogueDataKind } from '../catalogue-data-kind.ts';
import { asMapping, type CaseNodeCheck, type CaseNodeProblem, valuesIn } from './case-node-check.ts';

const PARTS = ['expect', 'poll', 'capture'];

/**
 * A hook returns a JSON document, not an HTTP response: it has no status, latency, headers or raw body. Keys
 * that read them could only fail when the step runs.
 */
export const hookHttpKeys: CaseNodeCheck = (value, path) => {
  const step = asMapping(value);
  if (step?.hook === undefined) return [];
  const problems: CaseNodeProblem[] = [];
  const report = (at: (string | number)[], key: string) =>
    problems.push({
      path: at,
      code: 'not-for-hook',
      message: `'${key}' reads an HTTP response, but a hook returns a JSON document`,
      fix: 'check the document with assert and path: $.<field> instead',
      atKey: true,
    });
  for (const part of PARTS) {
    for (const [inner, at] of valuesIn(step[part], [...path, part])) {
      const mapping = asMapping(inner);
      if (mapping === undefined) continue;
      const kind = catalogueDataKind(at);
      if (kind === 'expect')
        for (const key of ['status', 'latency_under']) if (key in mapping) report([...at, key], key);
      if (kind === 'assertion' || kind === 'captureSource')
        for (const key of ['header', 'body']) if (key in mapping) report([...at, key], key);
    }
  }
  return problems;
};
