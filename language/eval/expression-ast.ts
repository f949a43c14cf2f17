/** The whitelisted expression tree that language/eval/expression-parse.ts builds from jsep's output. */

/** Where a node sits in the expression source: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | '??';

export type UnaryOperator = '!' | '-';

export type LiteralValue = string | number | boolean | null;

export type Expression =
  | (Span & { readonly kind: 'literal'; readonly value: LiteralValue })
  /** A dotted reference such as `vars.item_id`, `settings.idle_timeout_seconds`, `index`, `vars.items.0`. */
  | (Span & { readonly kind: 'reference'; readonly name: string })
  /** A call of a built-in function (`min`) or of a scope function (`random.hex`). */
  | (Span & { readonly kind: 'call'; readonly name: string; readonly args: readonly Expression[] })
  | (Span & { readonly kind: 'unary'; readonly operator: UnaryOperator; readonly argument: Expression })
  | (Span & {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
    })
  /** `input | name`: a filter of language/eval/filters.ts applied to a value (`matrix.runtime | capitalize`). */
  | (Span & { readonly kind: 'filter'; readonly name: string; readonly input: Expression })
  | (Span & {
      readonly kind: 'conditional';
      readonly test: Expression;
      readonly consequent: Expression;
      readonly alternate: Expression;
    });
