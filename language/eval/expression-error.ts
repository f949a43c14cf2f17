/**
 * A fault in a `${…}` expression: its syntax, a construct outside the whitelist, or a value it cannot compute.
 * `offset`/`length` locate the fault in the source text the caller handed in (the expression, or the whole
 * template string for errors raised by language/eval/template.ts), so that a loader or executor can point at it.
 * `path` locates the faulty string inside a rendered value (empty for a lone string).
 */
export class ExpressionError extends Error {
  readonly offset: number;
  readonly length: number;
  readonly path: readonly (string | number)[];
  constructor(message: string, offset: number, length: number, path: readonly (string | number)[] = []) {
    super(message);
    this.name = 'ExpressionError';
    this.offset = offset;
    this.length = Math.max(1, length);
    this.path = path;
  }

  /** The same error, moved by `shift` characters and placed at `path` (used when an expression sits in a template). */
  relocated(shift: number, path: readonly (string | number)[] = this.path): ExpressionError {
    return new ExpressionError(this.message, this.offset + shift, this.length, path);
  }
}
