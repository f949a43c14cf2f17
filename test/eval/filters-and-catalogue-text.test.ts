import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionError, evaluateExpression, parseExpression } from '../../language/eval/expression.ts';
import { FILTERS } from '../../language/eval/filters.ts';
import { createScope, createTextScope } from '../../language/eval/scope.ts';
import { renderString, renderValue } from '../../language/eval/template.ts';
import { formatDiagnostic } from '../../runner/load/diagnostic.ts';
import { loadCatalogueFile } from '../../runner/load/load-catalog-file.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const scope = createScope({
  matrix: { runtime: 'python' },
  env: { REGION: 'eu-west-1' },
  settings: {},
  vars: { count: 3, name: 'echo', nothing: null },
  caseStart: new Date(0),
});

/** Asserts that rendering `template` fails with an ExpressionError at `text` (its offending part). */
function rejects(template: string, text: string, message: RegExp): void {
  assert.throws(
    () => renderString(template, scope),
    (error: unknown) => {
      assert.ok(error instanceof ExpressionError, `expected an ExpressionError, got ${String(error)}`);
      assert.match(error.message, message);
      assert.equal(template.slice(error.offset, error.offset + error.length), text);
      return true;
    },
  );
}

describe('filters in templates', () => {
  it('has one table entry per filter, each with a one-line doc', () => {
    assert.deepEqual(
      FILTERS.map((f) => f.name),
      ['capitalize', 'upper', 'lower'],
    );
    for (const f of FILTERS) assert.match(f.doc, /^[^\n]+$/);
  });

  it('work in a step template, alone or inside text', () => {
    assert.equal(renderString('${matrix.runtime | capitalize}', scope), 'Python');
    assert.equal(
      renderString('${matrix.runtime | capitalize} runtime (/api/${matrix.runtime})', scope),
      'Python runtime (/api/python)',
    );
    assert.deepEqual(
      renderValue({ path: '/api/${vars.name | upper}', json: { region: '${env.REGION|upper}' } }, scope),
      { path: '/api/ECHO', json: { region: 'EU-WEST-1' } },
    );
  });

  it('chain from left to right', () => {
    assert.equal(renderString('${matrix.runtime|upper|lower}', scope), 'python');
    assert.equal(renderString('${matrix.runtime | upper | lower | capitalize}', scope), 'Python');
  });

  it('turn a value that is not a string into the text a template inserts, then transform it', () => {
    assert.equal(renderString('${vars.count | upper}', scope), '3');
    assert.equal(renderString('${vars.nothing | capitalize}', scope), 'Null');
    assert.equal(renderString('${true | upper}', scope), 'TRUE');
  });

  it('bind looser than arithmetic and comparison, tighter than ?? and ?:', () => {
    assert.equal(renderString("${'py' + 'thon' | capitalize}", scope), 'Python');
    assert.equal(renderString("${matrix.runtime == 'python' ? vars.name | upper : 'x'}", scope), 'ECHO');
    assert.equal(renderString("${(vars.count > 1 ? 'many' : 'one') | upper}", scope), 'MANY');
    // An unset value passed through a filter still falls back.
    assert.equal(renderString("${env.MISSING | upper ?? 'none'}", scope), 'none');
    assert.equal(renderString("${env.REGION | upper ?? 'none'}", scope), 'EU-WEST-1');
  });

  it('reject an unknown filter at parse time, at its name, listing the filters', () => {
    rejects(
      'x ${matrix.runtime | shout}',
      'shout',
      /unknown filter 'shout'; filters are capitalize, upper, lower/,
    );
    rejects('${matrix.runtime | upper | shuot}', 'shuot', /unknown filter 'shuot'/);
    const error = (() => {
      try {
        parseExpression('vars.name | shout');
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ExpressionError);
    assert.equal(error.offset, 12);
    assert.equal(error.length, 5);
  });

  it('keep the || hint for a right side that is not a filter name', () => {
    rejects('${1 | 2}', '|', /must be followed by a filter name .*use \|\|/);
    rejects('${vars.a | vars.b}', '|', /use \|\|/);
    rejects('${vars.a | index}', '|', /use \|\|/);
    rejects('${vars.a | upper()}', 'upper()', /the filter upper takes no arguments/);
  });

  it('are part of the expression tree', () => {
    assert.deepEqual(parseExpression('matrix.runtime | upper'), {
      kind: 'filter',
      name: 'upper',
      input: { kind: 'reference', name: 'matrix.runtime', start: 0, end: 14 },
      start: 0,
      end: 22,
    });
    assert.equal(evaluateExpression(parseExpression('vars.name | capitalize'), scope), 'Echo');
  });
});

describe('the catalogue text scope', () => {
  const text = createTextScope({ runtime: 'java' });

  it('renders matrix values with the whole expression language and $${ as a literal', () => {
    assert.equal(renderString('${matrix.runtime | capitalize}', text), 'Java');
    assert.equal(renderString("${matrix.runtime == 'java' ? 'JVM' : 'other'}", text), 'JVM');
    assert.equal(renderString('cost $5 and $${matrix.runtime}', text), 'cost $5 and ${matrix.runtime}');
    assert.equal(renderString('{"action":"echo"}', text), '{"action":"echo"}');
  });

  it('refuses every other root and every scope function', () => {
    assert.throws(
      () => renderString('${env.REGION}', text),
      /catalogue text \(anchor, doc\) can read only matrix/,
    );
    assert.throws(() => renderString('${random.hex(4)}', text), /cannot be called in catalogue text/);
  });
});

/** A catalogue file of one declaration expanded over runtime: [python, java], with `doc` as its doc fields. */
function docFile(guarantee: string, input = 'a'): string {
  return [
    '# yaml-language-server: $schema=../../schema/catalog-file.schema.json',
    'cases:',
    '  - test: test_a',
    '    matrix: { runtime: [python, java] }',
    '    id: { python: ABC-001, java: ABC-002 }',
    '    anchor: desc-a-${matrix.runtime}',
    '    category: 機能系',
    `    doc: { guarantee: "${guarantee}", input: '${input}', pass_criteria: a, failure_hint: a }`,
    '    notes: [n]',
    '    steps:',
    '      - request: { path: "/api/${matrix.runtime | upper}" }',
  ].join('\n');
}

const DOC_LINE = 8;

function loadDoc(guarantee: string, input?: string) {
  const text = docFile(guarantee, input);
  const loaded = loadCatalogueFile(REPO_ROOT, 'catalog/x/test_a.yaml', text);
  return {
    cases: loaded.file?.cases ?? [],
    diagnostics: loaded.diagnostics,
    shown: loaded.diagnostics.map((d) => formatDiagnostic(d, text)).join('\n'),
    /** 1-based column of `part` in the doc line. */
    col: (part: string) => (text.split('\n')[DOC_LINE - 1] ?? '').indexOf(part) + 1,
  };
}

describe('doc: and anchor: through the expression language', () => {
  it('renders a ternary, filters and $${ in doc: per expansion; a filter in a step loads', () => {
    const loaded = loadDoc(
      "${matrix.runtime == 'java' ? 'JVM' : matrix.runtime | capitalize} echo",
      'GET /api/${matrix.runtime | upper} and $${literal}',
    );
    assert.deepEqual(loaded.diagnostics, [], loaded.shown);
    assert.deepEqual(
      loaded.cases.map((c) => [c.id, c.anchor, c.doc.guarantee, c.doc.input]),
      [
        ['ABC-001', 'desc-a-python', 'Python echo', 'GET /api/PYTHON and ${literal}'],
        ['ABC-002', 'desc-a-java', 'JVM echo', 'GET /api/JAVA and ${literal}'],
      ],
    );
  });

  it('rejects a reference to another root at load, at the reference, naming the rule', () => {
    const whole = loadDoc('about ${vars.x}');
    assert.deepEqual(
      whole.diagnostics.map((d) => [d.code, d.line, d.col, d.caseIds]),
      [['template-error', DOC_LINE, whole.col('${vars.x}'), ['ABC-001', 'ABC-002']]],
      whole.shown,
    );
    assert.match(
      whole.diagnostics[0]?.message ?? '',
      /unknown reference \$\{vars\.x\}: catalogue text .* only matrix/,
    );
    assert.match(whole.diagnostics[0]?.fix ?? '', /use one of \$\{matrix\.runtime\}/);
    const inner = loadDoc("${matrix.runtime == 'java' ? env.X : 'b'}");
    assert.deepEqual(
      inner.diagnostics.map((d) => [d.line, d.col, d.span]),
      [[DOC_LINE, inner.col('env.X'), 5]],
      inner.shown,
    );
    const random = loadDoc('${random.hex(4)}');
    assert.match(random.diagnostics[0]?.message ?? '', /random\.hex\(\) cannot be called in catalogue text/);
  });

  it('rejects an unknown matrix key with the closest one', () => {
    const loaded = loadDoc('${matrix.runtme} echo');
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.code, d.col, d.message]),
      [
        [
          'template-error',
          loaded.col('${matrix.runtme}'),
          "unknown reference ${matrix.runtme}: the case has no matrix key 'runtme'. did you mean 'runtime'?",
        ],
      ],
      loaded.shown,
    );
  });

  it('reports syntax errors and unknown filters at their column, once per declaration', () => {
    const filter = loadDoc('${matrix.runtime | shout}');
    assert.deepEqual(
      filter.diagnostics.map((d) => [d.code, d.line, d.col]),
      [['template-error', DOC_LINE, filter.col('shout')]],
      filter.shown,
    );
    assert.match(
      filter.diagnostics[0]?.message ?? '',
      /unknown filter 'shout'; filters are capitalize, upper, lower/,
    );
    assert.match(filter.diagnostics[0]?.fix ?? '', /correct the expression/);
    const syntax = loadDoc('x ${1 +}');
    assert.deepEqual(
      syntax.diagnostics.map((d) => [d.line, d.col]),
      [[DOC_LINE, syntax.col('+}')]],
      syntax.shown,
    );
    const unclosed = loadDoc('x ${matrix.runtime');
    assert.deepEqual(
      unclosed.diagnostics.map((d) => [d.col, /unclosed/.test(d.message)]),
      [[unclosed.col('${'), true]],
      unclosed.shown,
    );
  });

  it('reports a value it cannot compute at the expression, for each expansion it fails in', () => {
    const loaded = loadDoc('${matrix.runtime - 1}');
    const col = loaded.col('matrix.runtime - 1');
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.code, d.col, d.message]),
      [
        ['template-error', col, `'-' needs two numbers, got "python" (string) and 1 (number)`],
        ['template-error', col, `'-' needs two numbers, got "java" (string) and 1 (number)`],
      ],
      loaded.shown,
    );
  });
});
