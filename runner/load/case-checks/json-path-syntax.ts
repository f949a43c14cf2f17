import { jsonPathProblem } from '../../../language/eval/jsonpath.ts';
import type { DataPath } from '../../../language/model/data-path.ts';
import { asMapping, type CaseNodeCheck, type CaseNodeProblem, literalText, SPEC } from './case-node-check.ts';

function problemAt(path: DataPath, jsonPath: unknown, role: string): CaseNodeProblem[] {
  if (!literalText(jsonPath)) return [];
  const problem = jsonPathProblem(jsonPath);
  if (problem === undefined) return [];
  return [
    {
      path,
      code: 'bad-jsonpath',
      message: `${role} ${jsonPath} is not a valid JSONPath: ${problem}`,
      fix: `write a JSONPath such as $.items[0].id or $.pools[?(@.name == 'echo')] (jsonpath-plus syntax; ${SPEC})`,
    },
  ];
}

/** The JSONPaths of an assertion: its `path` subject, `disjoint_with`, and every `{ref: …}` operand. */
export const assertionJsonPaths: CaseNodeCheck = (value, path) => {
  const assertion = asMapping(value);
  if (assertion === undefined) return [];
  const problems = [
    ...problemAt([...path, 'path'], assertion.path, 'the path'),
    ...problemAt([...path, 'disjoint_with'], assertion.disjoint_with, 'disjoint_with'),
  ];
  for (const [key, operand] of Object.entries(assertion)) {
    const ref = asMapping(operand);
    if (ref !== undefined && Object.keys(ref).length === 1 && 'ref' in ref)
      problems.push(...problemAt([...path, key, 'ref'], ref.ref, `the ref of ${key}`));
  }
  return problems;
};

/** A capture's JSONPath: the whole entry, or its `path`. */
export const captureJsonPath: CaseNodeCheck = (value, path) => {
  if (typeof value === 'string') return problemAt(path, value, 'the capture');
  return problemAt([...path, 'path'], asMapping(value)?.path, 'the capture path');
};
