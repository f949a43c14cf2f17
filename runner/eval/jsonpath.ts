import { JSONPath } from 'jsonpath-plus';

/**
 * Catches what jsonpath-plus silently accepts: a path must start at the document (`$`), and brackets, parentheses
 * and quotes must balance.
 */
function pathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return 'it must start with $ (the document), e.g. $.items[0].id';
  const closers: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[') closers.push(']');
    else if (ch === '(') closers.push(')');
    else if (ch === ']' || ch === ')') {
      if (closers.pop() !== ch) return `'${ch}' at offset ${i} closes nothing`;
    }
  }
  if (quote) return `the quote ${quote} is not closed`;
  if (closers.length > 0) return `'${closers.at(-1)}' is missing at the end`;
  if (/\.\.?$/.test(path) && path !== '$') return 'it ends with a dot; name a property after it';
  return undefined;
}

/**
 * Every match of a JSONPath in a document (jsonpath-plus with safe evaluation of filters: never 'native', which
 * would run catalogue text as JavaScript). Throws an Error naming the path and the fix when the path is invalid.
 */
export function queryPath(path: string, document: unknown): unknown[] {
  const problem = pathProblem(path);
  if (problem) throw new Error(`JSONPath ${path} is invalid: ${problem}`);
  // jsonpath-plus returns nothing for a null document; `$` still names it.
  if (document === null || document === undefined)
    return path.trim() === '$' && document === null ? [null] : [];
  try {
    const result: unknown = JSONPath({ path, json: document as object, eval: 'safe', wrap: true });
    return Array.isArray(result) ? result : [];
  } catch (error) {
    throw new Error(`JSONPath ${path} is invalid: ${(error as Error).message}`);
  }
}
