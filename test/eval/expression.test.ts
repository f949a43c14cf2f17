import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionError, evaluateExpression, parseExpression } from '../../language/eval/expression.ts';
import { createScope } from '../../language/eval/scope.ts';

const scope = createScope({
  matrix: { runtime: 'python' },
  env: { GATEWAY_URL: 'https://127.0.0.1:8443', EMPTY: '' },
  settings: { idle_timeout_seconds: 60, verify_ssl: false },
  vars: { total: 10, interval: 3, name: 'Echo', nothing: null, items: [{ id: 'a' }, { id: 'b' }] },
  caseStart: new Date('2024-05-06T07:08:09.123Z'),
});

const evaluate = (source: string): unknown => evaluateExpression(parseExpression(source), scope);

/** Asserts that `source` fails with an ExpressionError at `text` (the offending part of the source). */
function rejects(source: string, text: string, message: RegExp, run = false): void {
  assert.throws(
    () => (run ? evaluate(source) : parseExpression(source)),
    (error: unknown) => {
      assert.ok(error instanceof ExpressionError, `expected an ExpressionError, got ${String(error)}`);
      assert.match(error.message, message);
      assert.equal(source.slice(error.offset, error.offset + error.length), text);
      return true;
    },
  );
}

describe('expressions: values and operators', () => {
  it('evaluates literals of every type', () => {
    assert.equal(evaluate('42'), 42);
    assert.equal(evaluate('1.5'), 1.5);
    assert.equal(evaluate("'single'"), 'single');
    assert.equal(evaluate('"double"'), 'double');
    assert.equal(evaluate('true'), true);
    assert.equal(evaluate('false'), false);
    assert.equal(evaluate('null'), null);
  });

  it('follows arithmetic precedence and parentheses', () => {
    assert.equal(evaluate('1 + 2 * 3'), 7);
    assert.equal(evaluate('(1 + 2) * 3'), 9);
    assert.equal(evaluate('10 - 4 - 3'), 3);
    assert.equal(evaluate('7 % 4 + 20 / 8'), 5.5);
    assert.equal(evaluate('-vars.total + 1'), -9);
    assert.equal(evaluate('settings.idle_timeout_seconds + 10'), 70);
  });

  it('compares numbers and strings, and equality is deep and type-strict', () => {
    assert.equal(evaluate('settings.idle_timeout_seconds > 120'), false);
    assert.equal(evaluate('vars.total >= 10'), true);
    assert.equal(evaluate("'a' < 'b'"), true);
    assert.equal(evaluate("vars.total == '10'"), false);
    assert.equal(evaluate('true == 1'), false);
    assert.equal(evaluate('vars.nothing == null'), true);
    assert.equal(evaluate('vars.items[0] != vars.items[1]'), true);
  });

  it('uses Python truthiness for && || ! and the conditional', () => {
    assert.equal(evaluate('!settings.verify_ssl'), true);
    assert.equal(evaluate("env.EMPTY || 'fallback'"), 'fallback');
    assert.equal(evaluate('vars.total && vars.interval'), 3);
    assert.equal(evaluate('vars.total > 5 ? "big" : "small"'), 'big');
    assert.equal(evaluate('0 ? 1 : 2'), 2);
    assert.equal(evaluate('false || true && false'), false);
  });

  it('joins strings with + but refuses to mix strings and numbers', () => {
    assert.equal(evaluate("vars.name + ': ' + matrix.runtime"), 'Echo: python');
    rejects(
      'vars.name + vars.total',
      'vars.name + vars.total',
      /needs two numbers or two strings.*str\(x\)/,
      true,
    );
  });

  it('calls the built-in functions', () => {
    assert.equal(evaluate('ceil(vars.total / vars.interval)'), 4);
    assert.equal(evaluate('floor(vars.total / vars.interval)'), 3);
    assert.equal(evaluate('round(2.5)'), 3);
    assert.equal(evaluate('round(-2.5)'), -3);
    assert.equal(evaluate('min(3, 1, 2)'), 1);
    assert.equal(evaluate('max(3, 1, 2)'), 3);
    assert.equal(evaluate("int('42') + int(2.9)"), 44);
    assert.equal(evaluate('str(vars.total) + "s"'), '10s');
    assert.equal(evaluate('json(vars.items[0])'), '{"id":"a"}');
    rejects("int('4.5')", "int('4.5')", /int\(\) cannot convert "4.5"/, true);
    rejects("min('a')", "min('a')", /min\(\) argument 1 must be a number/, true);
  });

  it('reaches into vars by name and literal index', () => {
    assert.equal(evaluate('vars.items[1].id'), 'b');
    assert.equal(evaluate("vars.items[0]['id']"), 'a');
    assert.equal(evaluate('vars.items.length'), 2);
  });

  it('falls back with ?? for unset env and vars and for null, but not for unknown names', () => {
    assert.equal(evaluate("env.NOT_SET ?? 'x'"), 'x');
    assert.equal(evaluate("env.NOT_SET ?? env.ALSO_NOT ?? 'y'"), 'y');
    assert.equal(evaluate("env.GATEWAY_URL ?? 'x'"), 'https://127.0.0.1:8443');
    assert.equal(evaluate('vars.nothing ?? 5'), 5);
    assert.equal(evaluate('vars.later ?? 5'), 5);
    assert.equal(evaluate("env.EMPTY ?? 'x'"), '');
    rejects("matrix.runtme ?? 'x'", 'matrix.runtme', /matrix.runtme\} is unknown; known: runtime/, true);
    rejects("settings.nope ?? 'x'", 'settings.nope', /known: idle_timeout_seconds, verify_ssl/, true);
  });

  it('divides by zero as an error, not Infinity', () => {
    rejects('vars.total / 0', 'vars.total / 0', /division by zero/, true);
    rejects('vars.total % 0', 'vars.total % 0', /division by zero/, true);
  });

  it('orders only numbers or strings', () => {
    rejects("vars.total < 'a'", "vars.total < 'a'", /'<' needs two numbers or two strings/, true);
  });
});

describe('expressions: the catalogue scale-to-zero vars', () => {
  it('computes the keepalive schedule from the idle timeout', () => {
    const values = { idle_timeout_seconds: 60, scale_to_zero_buffer: 15 };
    const at = (source: string, vars: Record<string, unknown>): unknown =>
      evaluateExpression(
        parseExpression(source),
        createScope({ matrix: {}, env: {}, settings: values, vars, caseStart: new Date(0) }),
      );
    const total = at('settings.idle_timeout_seconds + settings.scale_to_zero_buffer', {});
    const base = at('max(1, min(10, floor(settings.idle_timeout_seconds / 3)))', {});
    const interval = at(
      'vars.base_interval >= settings.idle_timeout_seconds ? max(1, settings.idle_timeout_seconds - 1) : vars.base_interval',
      { base_interval: base },
    );
    assert.deepEqual([total, base, interval], [75, 10, 10]);
    assert.equal(at('ceil(vars.total / vars.interval)', { total, interval }), 8);
    assert.equal(at('ceil(vars.total / 2 / vars.interval) - 1', { total, interval }), 3);
  });
});

describe('expressions: references', () => {
  it('names an unknown reference with the scope names and where it is', () => {
    rejects('1 + vars.totl', 'vars.totl', /\$\{vars.totl\} is not set.*known: total, interval, name/, true);
    rejects(
      'env.NOPE',
      'env.NOPE',
      /environment variable NOPE is not set; set it, or write env.NOPE \?\? '<default>'/,
      true,
    );
    rejects('index', 'index', /only defined inside the steps of a parallel or loop/, true);
    rejects('auth.token', 'auth.token', /no login/, true);
    rejects('time.later', 'time.later', /time has epoch_hex, epoch_ms and case_start/, true);
    rejects('vars.items[5]', 'vars.items[5]', /vars.items has no property '5'/, true);
  });
});

describe('expressions: rejected constructs', () => {
  it('reports syntax errors with their offset', () => {
    rejects('1 +', '+', /expression syntax: Expected expression after \+/);
    rejects('vars.x = 1', '=', /Unexpected "="/);
    rejects('(1 + 2', '2', /expression syntax/);
    rejects('   ', ' ', /empty expression/);
  });

  it('rejects what is outside the whitelist, pointing at it', () => {
    rejects('this', 'this', /'this' is not supported/);
    rejects('1 + foo.bar', 'foo.bar', /unknown name 'foo'; references start with one of: matrix, env/);
    rejects('vars.x.constructor', 'vars.x.constructor', /'constructor' is not allowed/);
    rejects("vars['__proto__']", "vars['__proto__']", /'__proto__' is not allowed/);
    rejects('vars[vars.key]', 'vars.key', /computed member access needs a literal/);
    rejects('process.exit(1)', 'process.exit(1)', /unknown function 'process.exit'/);
    rejects('vars.f(1)', 'vars.f(1)', /unknown function 'vars.f'/);
    rejects('json(1).length', 'json(1).length', /member access works on references only/);
    rejects('1 === 1', '===', /'===' is not supported; use ==/);
    rejects('2 ** 3', '**', /'\*\*' is not supported/);
    rejects('1 | 2', '|', /use \|\|/);
    rejects('~1', '~1', /unary operator '~'/);
    rejects('[1, 2]', '[1, 2]', /array literals/);
    rejects('vars?.x', 'vars?.x', /optional chaining/);
    rejects('vars', 'vars', /'vars' is a scope; name one of its values/);
    rejects('min', 'min', /min is a function/);
    rejects('index.x', 'index.x', /'index' is a number/);
    rejects('1 2', '1 2', /one expression expected/);
  });
});
