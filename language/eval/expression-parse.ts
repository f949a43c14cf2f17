import jsep from 'jsep';
import { BUILTIN_FUNCTIONS } from './builtin-functions.ts';
import type { BinaryOperator, Expression, Span } from './expression-ast.ts';
import { ExpressionError } from './expression-error.ts';
import { filterNames, findFilter } from './filters.ts';
import { FORBIDDEN_PROPERTIES, SCOPE_FUNCTIONS, SCOPE_ROOTS } from './scope-names.ts';

/*
 * jsep builds a tree without positions. Two hooks record them while one of our parses runs: every token (except
 * numbers, which jsep returns without running 'after-token') gets its span from 'gobble-token' to 'after-token';
 * numbers get their start recorded in source order and are matched to literals by an in-order walk. The hooks do
 * nothing outside parseExpression, so other users of the jsep module are unaffected.
 */
interface Recorder {
  readonly tokenStarts: number[];
  readonly numberStarts: number[];
  readonly spans: WeakMap<object, Span>;
}
let recorder: Recorder | undefined;

function isNumberStart(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46;
}

jsep.hooks.add('gobble-token', function recordTokenStart() {
  if (!recorder) return;
  if (isNumberStart(this.code)) recorder.numberStarts.push(this.index);
  else recorder.tokenStarts.push(this.index);
});
jsep.hooks.add('after-token', function recordTokenSpan(env) {
  if (!recorder) return;
  const start = recorder.tokenStarts.pop() ?? 0;
  if (env.node) {
    const end = start + this.expr.slice(start, this.index).trimEnd().length;
    recorder.spans.set(env.node, { start, end });
  }
});

const ALLOWED_BINARY: ReadonlySet<string> = new Set<BinaryOperator>([
  '+',
  '-',
  '*',
  '/',
  '%',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '&&',
  '||',
  '??',
]);

const BINARY_HINTS: Readonly<Record<string, string>> = { '===': '==', '!==': '!=', '&': '&&', '|': '||' };

type JsepNode = jsep.Expression;

/**
 * The longest text inside one `${…}`. The longest expression of the catalogue has about 120 characters; the bound
 * keeps the parser's and the evaluator's recursion far from the stack limit (a chain such as 1+1+…+1 nests as
 * deeply as it is long).
 */
export const MAX_EXPRESSION_LENGTH = 1000;

/** Parses one expression (the text inside `${…}`) and checks it against the whitelist of the catalogue format. */
export function parseExpression(source: string): Expression {
  if (source.trim() === '')
    throw new ExpressionError('empty expression: write a value or reference inside ${…}', 0, 1);
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(
      `the expression is ${source.length} characters long; at most ${MAX_EXPRESSION_LENGTH} fit in one \${…}: compute parts in vars`,
      MAX_EXPRESSION_LENGTH,
      1,
    );
  const rec: Recorder = { tokenStarts: [], numberStarts: [], spans: new WeakMap() };
  let tree: JsepNode;
  recorder = rec;
  try {
    tree = jsep(source);
  } catch (error) {
    const index =
      typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
    const description =
      error instanceof RangeError
        ? 'the expression nests too deeply'
        : ((error as { description?: string }).description ?? (error as Error).message);
    // At the end of the input, point at its last character rather than past it.
    const at = index >= source.trimEnd().length ? Math.max(0, source.trimEnd().length - 1) : index;
    throw new ExpressionError(`expression syntax: ${description}`, at, 1);
  } finally {
    recorder = undefined;
  }
  try {
    return new Converter(source, rec).convert(tree, { start: 0, end: source.length });
  } catch (error) {
    // Nesting that still exhausts the stack within the length limit (thousands of parentheses) is a syntax error.
    if (error instanceof RangeError) throw new ExpressionError('the expression nests too deeply', 0, 1);
    throw error;
  }
}

class Converter {
  private numberIndex = 0;
  constructor(
    private readonly source: string,
    private readonly rec: Recorder,
  ) {}

  private fail(message: string, span: Span): never {
    throw new ExpressionError(message, span.start, span.end - span.start);
  }

  /** `outer` is the span of the nearest enclosing node, used where jsep gave none. */
  convert(node: JsepNode, outer: Span): Expression {
    const recorded = this.rec.spans.get(node);
    switch (node.type) {
      case 'Literal':
        return this.literal(node as jsep.Literal, recorded ?? outer);
      case 'Identifier':
      case 'MemberExpression':
        return this.reference(node, recorded ?? outer);
      case 'CallExpression':
        return this.call(node as jsep.CallExpression, recorded ?? outer);
      case 'UnaryExpression': {
        const unary = node as jsep.UnaryExpression;
        const span = recorded ?? outer;
        if (unary.operator !== '!' && unary.operator !== '-') {
          this.fail(`unary operator '${unary.operator}' is not supported; use ! or -`, span);
        }
        return {
          kind: 'unary',
          operator: unary.operator,
          argument: this.convert(unary.argument, span),
          ...span,
        };
      }
      case 'BinaryExpression': {
        const binary = node as jsep.BinaryExpression;
        if (binary.operator === '|') return this.filter(binary, recorded, outer);
        const left = this.convert(binary.left, recorded ?? outer);
        const right = this.convert(binary.right, recorded ?? outer);
        const span = recorded ?? { start: left.start, end: right.end };
        if (!ALLOWED_BINARY.has(binary.operator)) {
          const hint = BINARY_HINTS[binary.operator];
          const at = this.operatorSpan(binary.operator, left.end, right.start) ?? span;
          this.fail(
            `operator '${binary.operator}' is not supported${hint ? `; use ${hint}` : ''} (allowed: ${[...ALLOWED_BINARY].join(' ')})`,
            at,
          );
        }
        return { kind: 'binary', operator: binary.operator as BinaryOperator, left, right, ...span };
      }
      case 'ConditionalExpression': {
        const conditional = node as jsep.Expression & {
          test: JsepNode;
          consequent: JsepNode;
          alternate: JsepNode;
        };
        const test = this.convert(conditional.test, recorded ?? outer);
        const consequent = this.convert(conditional.consequent, recorded ?? outer);
        const alternate = this.convert(conditional.alternate, recorded ?? outer);
        const span = recorded ?? { start: test.start, end: alternate.end };
        return { kind: 'conditional', test, consequent, alternate, ...span };
      }
      case 'Compound': {
        const body = (node as jsep.Compound).body;
        const second = body[1];
        const at = (second && this.rec.spans.get(second)) ?? outer;
        this.fail(
          'one expression expected; combine values with operators (e.g. a + b), not commas or spaces',
          at,
        );
        break;
      }
      case 'ThisExpression':
        this.fail("'this' is not supported; references start with a scope name", recorded ?? outer);
        break;
      case 'ArrayExpression':
        this.fail('array literals are not supported in expressions', recorded ?? outer);
        break;
      default:
        this.fail(`${node.type} is not supported in expressions`, recorded ?? outer);
    }
  }

  /**
   * `input | name`: the right side names a filter. A name that is not a scope root is taken as a filter name (an
   * unknown one is reported at the name, listing the filters); any other right side keeps the hint to write ||.
   * jsep's precedence holds: `|` binds looser than arithmetic and comparison, tighter than && || ?? and ?:.
   */
  private filter(binary: jsep.BinaryExpression, recorded: Span | undefined, outer: Span): Expression {
    const input = this.convert(binary.left, recorded ?? outer);
    const right = binary.right;
    if (right.type === 'Identifier') {
      const name = (right as jsep.Identifier).name;
      const nameSpan = this.rec.spans.get(right) ?? recorded ?? outer;
      if (!(SCOPE_ROOTS as readonly string[]).includes(name)) {
        if (findFilter(name) === undefined)
          this.fail(`unknown filter '${name}'; filters are ${filterNames()} (for "or", write ||)`, nameSpan);
        return { kind: 'filter', name, input, ...(recorded ?? { start: input.start, end: nameSpan.end }) };
      }
    }
    if (right.type === 'CallExpression') {
      const callee = (right as jsep.CallExpression).callee;
      const name = callee.type === 'Identifier' ? (callee as jsep.Identifier).name : '';
      if (findFilter(name) !== undefined)
        this.fail(
          `the filter ${name} takes no arguments: write x | ${name}`,
          this.rec.spans.get(right) ?? outer,
        );
    }
    const converted = this.convert(right, recorded ?? outer);
    const at = this.operatorSpan('|', input.end, converted.start) ?? {
      start: input.start,
      end: converted.end,
    };
    this.fail(
      `'|' passes a value through a filter (x | upper) and must be followed by a filter name (${filterNames()}); for "or", use ${BINARY_HINTS['|']}`,
      at,
    );
  }

  private operatorSpan(operator: string, from: number, to: number): Span | undefined {
    const at = this.source.indexOf(operator, from);
    return at >= 0 && at < to ? { start: at, end: at + operator.length } : undefined;
  }

  private literal(node: jsep.Literal, span: Span): Expression {
    const value = node.value;
    if (typeof value === 'number') {
      const start = this.rec.numberStarts[this.numberIndex++];
      const numberSpan = start === undefined ? span : { start, end: start + node.raw.length };
      return { kind: 'literal', value, ...numberSpan };
    }
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
      return { kind: 'literal', value, ...span };
    }
    this.fail('regular expression literals are not supported in expressions', span);
  }

  /** Flattens `a.b[0]['c']` into the dotted name `a.b.0.c`, allowing only names and literal indices. */
  private referenceName(node: JsepNode, span: Span): string {
    if (node.type === 'Identifier') {
      const name = (node as jsep.Identifier).name;
      this.checkProperty(name, span);
      return name;
    }
    if (node.type !== 'MemberExpression') {
      this.fail('member access works on references only (e.g. vars.item.id), not on computed values', span);
    }
    const member = node as jsep.MemberExpression;
    if (member.optional)
      this.fail("optional chaining '?.' is not supported; use a ?? b for a fallback", span);
    const object = this.referenceName(member.object, span);
    let property: string;
    if (!member.computed) {
      property = (member.property as jsep.Identifier).name;
    } else {
      const key = member.property;
      const keySpan = this.rec.spans.get(key) ?? span;
      if (key.type !== 'Literal' || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        this.fail('computed member access needs a literal index or name, e.g. vars.items[0]', keySpan);
      }
      if (typeof key.value === 'number') this.numberIndex++; // the walk consumed this number's recorded start
      property = String(key.value);
      if (property.includes('.')) this.fail(`property name '${property}' must not contain a dot`, keySpan);
    }
    this.checkProperty(property, span);
    return `${object}.${property}`;
  }

  private checkProperty(name: string, span: Span): void {
    if (FORBIDDEN_PROPERTIES.has(name)) this.fail(`'${name}' is not allowed in a reference`, span);
  }

  private reference(node: JsepNode, span: Span): Expression {
    const name = this.referenceName(node, span);
    const root = name.split('.')[0] ?? name;
    if (root in BUILTIN_FUNCTIONS) this.fail(`${root} is a function: call it as ${root}(…)`, span);
    if (!(SCOPE_ROOTS as readonly string[]).includes(root)) {
      this.fail(`unknown name '${root}'; references start with one of: ${SCOPE_ROOTS.join(', ')}`, span);
    }
    if (root === 'index' && name !== 'index') this.fail("'index' is a number and has no properties", span);
    if (root !== 'index' && name === root) {
      this.fail(`'${root}' is a scope; name one of its values, e.g. ${root}.<name>`, span);
    }
    return { kind: 'reference', name, ...span };
  }

  private call(node: jsep.CallExpression, span: Span): Expression {
    const callee = node.callee;
    let name: string;
    if (callee.type === 'Identifier' || callee.type === 'MemberExpression') {
      name = this.referenceName(callee, span);
    } else {
      this.fail('only named functions can be called', span);
    }
    const known = name in BUILTIN_FUNCTIONS || (SCOPE_FUNCTIONS as readonly string[]).includes(name);
    if (!known) {
      this.fail(
        `unknown function '${name}'; functions are ${[...Object.keys(BUILTIN_FUNCTIONS), ...SCOPE_FUNCTIONS].join(', ')}`,
        span,
      );
    }
    const args = node.arguments.map((arg) => this.convert(arg, span));
    return { kind: 'call', name, args, ...span };
  }
}
