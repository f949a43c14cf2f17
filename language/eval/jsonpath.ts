import { JSONPath } from 'jsonpath-plus';
import { escapeControls } from '../text/control-characters.ts';

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
 * jsonpath-plus's own parser of filter and script expressions, the one `eval: 'safe'` runs: constructing it only
 * parses. The package declares no type for it, hence the narrow cast.
 */
const SafeScript = (
  JSONPath as unknown as { prototype: { safeVm: { Script: new (code: string) => object } } }
).prototype.safeVm.Script;

/**
 * Why a JSONPath is not valid, without a document: the checks of queryPath, then every filter `?(…)` and script
 * `(…)` parsed as jsonpath-plus would parse it when it evaluates (nothing is evaluated here).
 */
export function jsonPathProblem(path: string): string | undefined {
  const problem = pathProblem(path);
  if (problem) return problem;
  for (const segment of JSONPath.toPathArray(path)) {
    const script = /^\??\((.*)\)$/s.exec(segment)?.[1];
    if (script === undefined) continue;
    try {
      // The same substitution of @-names jsonpath-plus makes before it parses.
      new SafeScript(script.replaceAll(/@([a-zA-Z]*)/g, (_m, name: string) => `_$_${name || 'v'}`));
    } catch (error) {
      // Its character positions count the substituted text, not what the author wrote.
      const reason = (error as Error).message.replace(/ at character \d+$/, '');
      return `the expression ${segment} does not parse: ${reason}`;
    }
  }
  return undefined;
}

/** The longest preview of a document item that a failure quotes. */
const ITEM_PREVIEW = 160;

/**
 * For a filter over the items of a list (VictoriaLogs records), the first item it fails on, as `$[i] <json>`:
 * evaluating the path on that item alone throws. Undefined when the document is not a list or no single item
 * explains the failure.
 */
function firstBreakingItem(path: string, document: unknown): string | undefined {
  if (!Array.isArray(document)) return undefined;
  for (let i = 0; i < Math.min(document.length, 1000); i++) {
    try {
      JSONPath({ path, json: [document[i]], eval: 'safe', wrap: true });
    } catch {
      const json = JSON.stringify(document[i]) ?? String(document[i]);
      const preview = json.length > ITEM_PREVIEW ? `${json.slice(0, ITEM_PREVIEW)}…` : json;
      return `$[${i}] ${escapeControls(preview)}`;
    }
  }
  return undefined;
}

/** `$.a.b_c.d`: property names only, each a plain identifier. */
const MEMBER_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
/** Names jsonpath-plus's safe evaluation treats apart: such a path takes the library's way. */
const GUARDED_NAMES = new Set(['constructor', '__proto__', 'prototype']);

/**
 * The matches of a path made of property names alone (most assertions: `$.message`), read the way jsonpath-plus
 * reads them (a truthy value that has the name as its own property: a string's `length` too), without its
 * tokenizer and tracer: per case, those cost more than the rest of a simple assertion. Undefined for any other
 * path.
 */
function memberPathMatches(path: string, document: unknown): unknown[] | undefined {
  if (!MEMBER_PATH.test(path)) return undefined;
  const names = path.slice(2).split('.');
  if (names.some((name) => GUARDED_NAMES.has(name))) return undefined;
  let current = document;
  for (const name of names) {
    if (!current || !Object.hasOwn(current as object, name)) return [];
    current = (current as Record<string, unknown>)[name];
  }
  return [current];
}

/**
 * Every match of a JSONPath in a document (jsonpath-plus with safe evaluation of filters: never 'native', which
 * would run catalogue text as JavaScript). Throws an Error naming the path and the fix when the path is invalid.
 */
export function queryPath(path: string, document: unknown): unknown[] {
  const members = memberPathMatches(path, document);
  if (members !== undefined) return members;
  const problem = pathProblem(path);
  if (problem) throw new Error(`JSONPath ${path} is invalid: ${problem}`);
  // jsonpath-plus returns nothing for a null document; `$` still names it.
  if (document === null || document === undefined)
    return path.trim() === '$' && document === null ? [null] : [];
  try {
    const result: unknown = JSONPath({ path, json: document as object, eval: 'safe', wrap: true });
    return Array.isArray(result) ? result : [];
  } catch (error) {
    const reason = (error as Error).message.replace(/^jsonPath: /, '');
    const problem = jsonPathProblem(path);
    if (problem !== undefined) throw new Error(`JSONPath ${path} is invalid: ${problem}`);
    // Safe evaluation refuses these names whatever the document holds: the path's fault.
    const forbidden = /\(reading '(constructor|__proto__|prototype)'\)/.exec(reason)?.[1];
    if (forbidden !== undefined)
      throw new Error(
        `JSONPath ${path} is invalid: it reads ${forbidden}, which safe evaluation forbids (${reason})`,
      );
    // The path parses, so the document made its filter fail: a value of another type or shape than the filter
    // expects (a number where it calls a string method, null where it reads a property). Said as the data's
    // fault, since a server that sends such a value (a malformed VictoriaLogs record) is what to look at.
    const culprit = firstBreakingItem(path, document);
    throw new Error(
      `JSONPath ${path} could not be evaluated on this document: ${reason} (the path is valid; the document holds a value of another type or shape than its filter expects${
        culprit === undefined ? ' there' : `: the item at ${culprit}`
      })`,
    );
  }
}
