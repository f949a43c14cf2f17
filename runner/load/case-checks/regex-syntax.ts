import { compilePattern } from '../../../language/eval/regex-pattern.ts';
import type { DataPath } from '../../../language/model/data-path.ts';
import { asMapping, type CaseNodeCheck, type CaseNodeProblem, literalText } from './case-node-check.ts';

function problemAt(path: DataPath, pattern: unknown, role: string): CaseNodeProblem[] {
  if (!literalText(pattern)) return [];
  try {
    compilePattern(pattern);
    return [];
  } catch (error) {
    return [
      {
        path,
        code: 'bad-regex',
        message: `${role}: ${(error as Error).message}`,
        fix: 'correct the regular expression (JavaScript syntax; /re/flags or a bare pattern); escape ( [ { . * + ? with \\ to match them literally',
      },
    ];
  }
}

/** The pattern of a `matches` operator. */
export const assertionRegex: CaseNodeCheck = (value, path) =>
  problemAt([...path, 'matches'], asMapping(value)?.matches, 'matches');

/** The `regex` of a capture. */
export const captureRegex: CaseNodeCheck = (value, path) =>
  problemAt([...path, 'regex'], asMapping(value)?.regex, 'the capture regex');
