import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionError } from '../../language/eval/expression.ts';
import { createScope } from '../../language/eval/scope.ts';
import { renderString, renderValue, templateProblems } from '../../language/eval/template.ts';

const scope = createScope({
  matrix: { runtime: 'python' },
  env: {},
  settings: { idle_timeout_seconds: 60 },
  vars: { count: 3, flag: true, nothing: null, obj: { a: [1, 2] }, key: 'k-1' },
  caseStart: new Date(0),
});

describe('templates', () => {
  it('keeps the type of a value that is exactly one ${…}', () => {
    assert.equal(renderString('${vars.count}', scope), 3);
    assert.equal(renderString('${vars.flag}', scope), true);
    assert.equal(renderString('${vars.nothing}', scope), null);
    assert.deepEqual(renderString('${vars.obj}', scope), { a: [1, 2] });
    assert.equal(renderString('${settings.idle_timeout_seconds + 10}', scope), 70);
  });

  it('joins text and values, objects as JSON and null as null', () => {
    assert.equal(renderString('smoke-${matrix.runtime}', scope), 'smoke-python');
    assert.equal(renderString('${vars.count}${vars.count}', scope), '33');
    assert.equal(
      renderString('o=${vars.obj} n=${vars.nothing} f=${vars.flag}', scope),
      'o={"a":[1,2]} n=null f=true',
    );
    assert.equal(renderString(' ${vars.count}', scope), ' 3');
  });

  it('treats $${ as a literal ${ and leaves other text alone', () => {
    assert.equal(renderString('$${vars.count}', scope), '${vars.count}');
    assert.equal(renderString('cost $5 {x} $${a} ${vars.count}', scope), 'cost $5 {x} ${a} 3');
    assert.equal(renderString('$.items[0]', scope), '$.items[0]');
  });

  it('reads a } inside a quoted string as part of the expression', () => {
    assert.equal(renderString("${'}' + vars.key}", scope), '}k-1');
  });

  it('locates errors in the template text', () => {
    assert.throws(
      () => renderString('abc ${vars.nope} def', scope),
      (e: unknown) =>
        e instanceof ExpressionError && e.offset === 6 && e.length === 9 && /vars.nope/.test(e.message),
    );
    assert.throws(
      () => renderString('x ${vars.count', scope),
      (e: unknown) => e instanceof ExpressionError && e.offset === 2 && /unclosed \$\{/.test(e.message),
    );
  });

  it('renders values recursively, leaving keys and non-strings as they are', () => {
    const rendered = renderValue(
      {
        '${vars.key}': 'v-${vars.key}',
        n: 1,
        list: ['${vars.count}', null, false],
        nested: { deep: '${vars.flag}' },
      },
      scope,
    );
    assert.deepEqual(rendered, {
      '${vars.key}': 'v-k-1',
      n: 1,
      list: [3, null, false],
      nested: { deep: true },
    });
  });

  it('says where inside a value a rendering error is', () => {
    assert.throws(
      () => renderValue({ a: [{ b: 'ok' }, { b: 'x${vars.missing}' }] }, scope),
      (e: unknown) =>
        e instanceof ExpressionError && e.offset === 3 && JSON.stringify(e.path) === '["a",1,"b"]',
    );
  });

  it('lists template problems at load time with path and offset, without a scope', () => {
    const problems = templateProblems({
      path: '/api/${matrix.runtime}',
      json: { message: 'stress-${index}', bad: ['ok', 'x ${1 +}'] },
      headers: { '${not.templated}': '${nope.value}' },
      when: '${vars.a === 1}',
      unclosed: '${vars.a',
      literal: '$${not a template',
    });
    assert.deepEqual(
      problems.map((p) => [p.path.join('.'), p.offset]),
      [
        ['json.bad.1', 6],
        ['headers.${not.templated}', 2],
        ['when', 9],
        ['unclosed', 0],
      ],
    );
    assert.match(problems[1]?.message ?? '', /unknown name 'nope'/);
  });
});
