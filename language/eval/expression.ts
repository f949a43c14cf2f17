/**
 * `${…}` expressions: parse once (jsep, then a whitelist check into our own tree), evaluate against a scope.
 * The grammar is docs/catalogue-steps.md "Templates and expressions".
 */
export type { BinaryOperator, Expression, LiteralValue, Span, UnaryOperator } from './expression-ast.ts';
export { ExpressionError } from './expression-error.ts';
export { evaluateExpression } from './expression-evaluate.ts';
export { parseExpression } from './expression-parse.ts';
