import type { YAMLError } from 'yaml';
import { MAX_NESTING_DEPTH } from './yaml-checks/check-yaml-nodes.ts';

/** A syntax error as the loader reports it: where (character offsets), what, and the fix. */
export interface SyntaxProblem {
  readonly code: string;
  readonly offset: number;
  readonly span: number;
  readonly message: string;
  readonly fix: string;
}

/**
 * Offset of the first `${` outside quotes and comments that sits inside `{ … }` or `[ … ]`, up to the end of the
 * line at `until`. Such a `${` is always a syntax error (its `{` opens a mapping), so the first one found is the
 * mistake even when the parser noticed it lines later, as in a flow mapping written over several lines.
 */
function unquotedTemplateInFlow(text: string, until: number): number | undefined {
  const lineEnd = text.indexOf('\n', until);
  const end = lineEnd < 0 ? text.length : lineEnd;
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (quote === '"' && ch === '\\') i++;
      else if (quote === "'" && ch === "'" && text[i + 1] === "'") i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    // A quote opens a quoted scalar only where a value starts; inside plain text (it's) it is a character.
    const valueStart = i === 0 || /[\s[{,:]/.test(text[i - 1] ?? '');
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const next = text.indexOf('\n', i);
      if (next < 0) break;
      i = next;
    } else if ((ch === "'" || ch === '"') && valueStart) quote = ch;
    else if (ch === '$' && text[i + 1] === '{' && depth > 0) return i;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Offset of the first `[` or `{` (outside quotes) that opens more than MAX_NESTING_DEPTH flow collections. The
 * parser's own position for a stack overflow depends on how much stack was left, so it is not used.
 */
function tooDeepFlowAt(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return i;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/**
 * What a YAML syntax error means for the author. The parser's first error is the one to fix: later ones are mostly
 * what the first did to the rest of the file. Three causes get their own words: an unquoted ${…} inside { … } or
 * [ … ] (YAML reads its brace as a mapping), tabs used for indentation, and nesting so deep that parsing failed.
 */
export function describeSyntaxError(text: string, error: YAMLError): SyntaxProblem {
  const [start, end] = error.pos;
  const template = unquotedTemplateInFlow(text, start);
  if (template !== undefined) {
    const close = text.indexOf('}', template);
    const lineEnd = text.indexOf('\n', template);
    const stop = close < 0 || (lineEnd >= 0 && close > lineEnd) ? lineEnd : close + 1;
    const written = text.slice(template, stop < 0 ? text.length : stop);
    return {
      code: 'unquoted-template',
      offset: template,
      span: written.length,
      message: `${written} is inside { … } or [ … ] in a value without quotes, so YAML reads its { as a mapping`,
      fix: `quote the whole value: '${written}' (or "${written}")`,
    };
  }
  if (/call stack/i.test(error.message)) {
    return {
      code: 'too-deep',
      offset: tooDeepFlowAt(text) ?? start,
      span: 1,
      message: 'lists and mappings nest too deeply here to be parsed',
      fix: `flatten the value: at most ${MAX_NESTING_DEPTH} levels of nesting (docs/catalogue-steps.md, Limits)`,
    };
  }
  if (error.code === 'TAB_AS_INDENT') {
    return {
      code: 'yaml-syntax',
      offset: start,
      span: 1,
      message: 'a tab is used for indentation; YAML indents with spaces only',
      fix: 'replace the tabs at the start of this line with spaces',
    };
  }
  return {
    code: 'yaml-syntax',
    offset: start,
    span: Math.max(1, end - start),
    message: firstLine(error.message),
    fix: 'correct the YAML syntax at this position (indentation, quotes, brackets); later lines may be fine once it is',
  };
}
