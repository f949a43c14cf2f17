import { asMapping, type CaseNodeCheck, type CaseNodeProblem } from './case-node-check.ts';

/** Header names are case-insensitive: X-Id and x-id are one header, and the later would silently replace the first. */
export const requestHeaders: CaseNodeCheck = (value, path) => {
  const headers = asMapping(asMapping(value)?.headers);
  if (headers === undefined) return [];
  const seen = new Map<string, string>();
  const problems: CaseNodeProblem[] = [];
  for (const name of Object.keys(headers)) {
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      problems.push({
        path: [...path, 'headers', name],
        code: 'duplicate-header',
        message: `the headers ${earlier} and ${name} are one header (names ignore case); only one would be sent`,
        fix: `keep one of ${earlier} and ${name}`,
        atKey: true,
      });
    } else seen.set(name.toLowerCase(), name);
  }
  return problems;
};
