import type { Expression } from './expression-ast.ts';
import { ExpressionError } from './expression-error.ts';
import { parseExpression } from './expression-parse.ts';

/** A template split into literal text and `${…}` expressions; offsets are those of the `${` in the template. */
export type TemplatePiece =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'expression';
      readonly expression: Expression;
      readonly offset: number;
      readonly length: number;
    };

/** The index of the `}` closing the `${` at `open`, skipping quoted strings; -1 when it is not closed. */
function closingBrace(template: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 2; i < template.length; i++) {
    const ch = template[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '}') return i;
  }
  return -1;
}

const cache = new Map<string, readonly TemplatePiece[]>();
const CACHE_LIMIT = 2000;

/** Splits a template; throws an ExpressionError located in the template text. Results are cached by text. */
export function parseTemplatePieces(template: string): readonly TemplatePiece[] {
  const cached = cache.get(template);
  if (cached) return cached;
  const pieces: TemplatePiece[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('$${', i)) {
      text += '${';
      i += 3;
    } else if (template.startsWith('${', i)) {
      const end = closingBrace(template, i);
      if (end < 0)
        throw new ExpressionError(
          'unclosed ${: add the closing }, or write $${ for a literal ${',
          i,
          template.length - i,
        );
      let expression: Expression;
      try {
        expression = parseExpression(template.slice(i + 2, end));
      } catch (error) {
        if (error instanceof ExpressionError) throw error.relocated(i + 2);
        throw error;
      }
      if (text) pieces.push({ kind: 'text', text });
      text = '';
      pieces.push({ kind: 'expression', expression, offset: i, length: end - i + 1 });
      i = end + 1;
    } else {
      text += template[i];
      i += 1;
    }
  }
  if (text) pieces.push({ kind: 'text', text });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(template, pieces);
  return pieces;
}
