import type { Expression } from './expression-ast.ts';

/** Every node of an expression, the node itself first, then its parts from left to right. */
export function* subexpressions(node: Expression): Generator<Expression> {
  yield node;
  switch (node.kind) {
    case 'call':
      for (const arg of node.args) yield* subexpressions(arg);
      break;
    case 'unary':
      yield* subexpressions(node.argument);
      break;
    case 'binary':
      yield* subexpressions(node.left);
      yield* subexpressions(node.right);
      break;
    case 'filter':
      yield* subexpressions(node.input);
      break;
    case 'conditional':
      yield* subexpressions(node.test);
      yield* subexpressions(node.consequent);
      yield* subexpressions(node.alternate);
      break;
    case 'literal':
    case 'reference':
      break;
  }
}
