import type { TemplateScope } from '../model/observation.ts';
import { BUILTIN_FUNCTIONS, typeName } from './builtin-functions.ts';
import { deepEqual } from './deep-equal.ts';
import type { BinaryOperator, Expression, Span } from './expression-ast.ts';
import { ExpressionError } from './expression-error.ts';
import { applyFilter, findFilter } from './filters.ts';
import { ReferenceLookupError } from './reference-error.ts';
import { isTruthy } from './truthiness.ts';

/** A reference whose name has no value; `a ?? b` catches exactly this one. */
class UnsetReferenceError extends ExpressionError {}

function fail(message: string, span: Span): never {
  throw new ExpressionError(message, span.start, span.end - span.start);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Evaluates a parsed expression against a scope. Errors are ExpressionErrors located in the expression source. */
export function evaluateExpression(expr: Expression, scope: TemplateScope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'reference':
      return lookup(expr, scope);
    case 'call':
      return call(expr, scope);
    case 'unary': {
      const value = evaluateExpression(expr.argument, scope);
      if (expr.operator === '!') return !isTruthy(value);
      if (typeof value !== 'number')
        fail(`unary - needs a number, got ${shown(value)} (${typeName(value)})`, expr);
      return -value;
    }
    case 'conditional':
      return isTruthy(evaluateExpression(expr.test, scope))
        ? evaluateExpression(expr.consequent, scope)
        : evaluateExpression(expr.alternate, scope);
    case 'binary':
      return binary(expr, scope);
    case 'filter': {
      const filter = findFilter(expr.name) ?? fail(`unknown filter '${expr.name}'`, expr);
      return applyFilter(filter, evaluateExpression(expr.input, scope));
    }
  }
}

function lookup(expr: Expression & { kind: 'reference' }, scope: TemplateScope): unknown {
  let value: unknown;
  try {
    value = scope.lookup(expr.name);
  } catch (error) {
    if (error instanceof ReferenceLookupError && error.unset) {
      throw new UnsetReferenceError(error.message, expr.start, expr.end - expr.start);
    }
    throw located(error, expr);
  }
  if (value === undefined) {
    fail(`\${${expr.name}} has no value; write ${expr.name} ?? <default> for a fallback`, expr);
  }
  return value;
}

function located(error: unknown, span: Span): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError(message, span.start, span.end - span.start);
}

function call(expr: Expression & { kind: 'call' }, scope: TemplateScope): unknown {
  const args = expr.args.map((arg) => evaluateExpression(arg, scope));
  try {
    const builtin = BUILTIN_FUNCTIONS[expr.name];
    return builtin ? builtin(args) : scope.call(expr.name, args);
  } catch (error) {
    throw located(error, expr);
  }
}

/**
 * True when `??` may fall back from this left operand: a reference (or `??` chain) whose name has no value, or
 * such a value passed through filters (`env.X | upper ?? 'none'`).
 */
function mayFallBack(left: Expression): boolean {
  if (left.kind === 'filter') return mayFallBack(left.input);
  return left.kind === 'reference' || (left.kind === 'binary' && left.operator === '??');
}

function binary(expr: Expression & { kind: 'binary' }, scope: TemplateScope): unknown {
  const { operator } = expr;
  if (operator === '??') {
    let left: unknown;
    try {
      left = evaluateExpression(expr.left, scope);
    } catch (error) {
      if (!(error instanceof UnsetReferenceError && mayFallBack(expr.left))) throw error;
      left = null;
    }
    return left === null ? evaluateExpression(expr.right, scope) : left;
  }
  const left = evaluateExpression(expr.left, scope);
  if (operator === '&&') return isTruthy(left) ? evaluateExpression(expr.right, scope) : left;
  if (operator === '||') return isTruthy(left) ? left : evaluateExpression(expr.right, scope);
  const right = evaluateExpression(expr.right, scope);
  return arithmetic(operator, left, right, expr);
}

function arithmetic(operator: BinaryOperator, left: unknown, right: unknown, span: Span): unknown {
  if (operator === '==') return deepEqual(left, right);
  if (operator === '!=') return !deepEqual(left, right);
  if (operator === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  const ordered = ['<', '<=', '>', '>='].includes(operator);
  if (ordered && typeof left === 'string' && typeof right === 'string') return compare(operator, left, right);
  if (typeof left !== 'number' || typeof right !== 'number') {
    const hint = operator === '+' ? '; use str(x) to join text and numbers' : '';
    fail(
      `'${operator}' needs two numbers${ordered || operator === '+' ? ' or two strings' : ''}, got ${shown(left)} (${typeName(left)}) and ${shown(right)} (${typeName(right)})${hint}`,
      span,
    );
  }
  if (ordered) return compare(operator, left, right);
  if ((operator === '/' || operator === '%') && right === 0) fail(`division by zero in '${operator}'`, span);
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '%':
      return left % right;
    default:
      return fail(`operator '${operator}' is not supported`, span);
  }
}

function compare<T extends string | number>(operator: BinaryOperator, left: T, right: T): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}
