import type { TemplateScope } from '../model/observation.ts';
import { ExpressionError } from './expression-error.ts';
import { evaluateExpression } from './expression-evaluate.ts';
import { parseTemplatePieces } from './template-parse.ts';
import { valueAsText } from './value-text.ts';

/**
 * Renders one template string. A string that is exactly one `${…}` yields the value with its type (a number stays
 * a number); otherwise the pieces are joined as text (objects and arrays as JSON, null as `null`). `$${` is a
 * literal `${`. Errors are ExpressionErrors located in `template`.
 */
export function renderString(template: string, scope: TemplateScope): unknown {
  if (!template.includes('${')) return template;
  const pieces = parseTemplatePieces(template);
  const evaluate = (piece: (typeof pieces)[number] & { kind: 'expression' }): unknown => {
    try {
      return evaluateExpression(piece.expression, scope);
    } catch (error) {
      if (error instanceof ExpressionError) throw error.relocated(piece.offset + 2);
      throw error;
    }
  };
  const [only] = pieces;
  if (pieces.length === 1 && only?.kind === 'expression') return evaluate(only);
  return pieces.map((piece) => (piece.kind === 'text' ? piece.text : valueAsText(evaluate(piece)))).join('');
}

/**
 * Renders every string inside a value (arrays and mapping values, recursively; mapping keys stay as written).
 * Errors are ExpressionErrors whose `path` locates the string within `value`.
 */
export function renderValue(value: unknown, scope: TemplateScope): unknown {
  return renderAt(value, scope, []);
}

function renderAt(value: unknown, scope: TemplateScope, path: (string | number)[]): unknown {
  if (typeof value === 'string') {
    try {
      return renderString(value, scope);
    } catch (error) {
      if (error instanceof ExpressionError) throw error.relocated(0, path);
      throw error;
    }
  }
  if (Array.isArray(value)) return value.map((item, i) => renderAt(item, scope, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderAt(item, scope, [...path, key])]),
    );
  }
  return value;
}

export interface TemplateProblem {
  /** Where the faulty string sits within the checked value. */
  readonly path: (string | number)[];
  /** Offset of the fault within that string. */
  readonly offset: number;
  readonly message: string;
}

/** Syntax and whitelist problems of every template string inside a value, for the loader to report at load time. */
export function templateProblems(value: unknown): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return;
      try {
        parseTemplatePieces(node);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push({ path, offset: error.offset, message: error.message });
      }
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, i]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
    }
  };
  visit(value, []);
  return problems;
}
