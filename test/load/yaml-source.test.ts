import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../../runner/load/diagnostic.ts';
import { caseIdsNear, parseYamlSource } from '../../runner/load/yaml-source.ts';

const text = [
  'cases:',
  '  - test: test_a',
  '    id: ABC-001',
  '    doc:',
  '      input: "x"',
  '  - test: test_b',
  '    id: ABC-002',
  '',
].join('\n');

describe('source-mapped YAML', () => {
  it('locates values and keys by data path', () => {
    const parsed = parseYamlSource('f.yaml', text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.source.locate(['cases', 1, 'id']), { line: 7, col: 9, span: 7 });
    assert.deepEqual(parsed.source.locateKey(['cases', 0, 'doc']), { line: 4, col: 5, span: 3 });
    // A path that does not exist points at its nearest existing ancestor.
    assert.equal(parsed.source.locate(['cases', 0, 'doc', 'missing']).line, 5);
  });

  it('parses with the core schema: yes/no and dates stay strings', () => {
    const parsed = parseYamlSource('f.yaml', 'a: yes\nb: 2026-11-25\nc: true\n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.source.data, { a: 'yes', b: '2026-11-25', c: true });
  });

  it('accepts a few aliases but refuses an expansion bomb', () => {
    assert.ok(parseYamlSource('f.yaml', 'a: &x [1]\nb: *x\n').ok);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    ].join('\n');
    const parsed = parseYamlSource('f.yaml', bomb);
    assert.ok(!parsed.ok);
    assert.equal(parsed.diagnostics[0]?.code, 'alias-limit');
  });

  it('labels text-level errors with the case they sit in', () => {
    assert.deepEqual(caseIdsNear(text, 5), ['ABC-001']);
    assert.deepEqual(caseIdsNear(text, 7), ['ABC-002']);
    assert.deepEqual(caseIdsNear(text, 1), []);
  });

  it('puts the caret under wide characters by terminal width', () => {
    const out = formatDiagnostic(
      {
        code: 'x',
        file: 'f.yaml',
        line: 1,
        col: 11,
        span: 3,
        caseIds: ['ABC-001'],
        message: 'bad',
        fix: 'mend it',
      },
      'category: 機能型 # 型',
    );
    assert.equal(
      out,
      [
        'f.yaml:1:11: error [ABC-001]: bad',
        '  |',
        '1 | category: 機能型 # 型',
        '  |           ^^^^^^',
        '  fix: mend it',
      ].join('\n'),
    );
  });
});
