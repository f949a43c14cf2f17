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

/** Offset within `line` of the first `${` outside quotes that follows a `{` or `[` outside quotes, if any. */
function unquotedTemplateInFlow(line: string): number | undefined {
  let quote: string | undefined;
  let inFlow = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || line[i - 1] === ' ')) return undefined;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '$' && line[i + 1] === '{' && inFlow) return i;
    else if (ch === '{' || ch === '[') inFlow = true;
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
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const template = unquotedTemplateInFlow(line);
  if (template !== undefined) {
    const close = line.indexOf('}', template);
    const written = line.slice(template, close < 0 ? line.length : close + 1);
    return {
      code: 'unquoted-template',
      offset: lineStart + template,
      span: written.length,
      message: `${written} starts a value inside { … } or [ … ] without quotes, so YAML reads its { as a mapping`,
      fix: `quote the value: '${written}' (or "${written}")`,
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
