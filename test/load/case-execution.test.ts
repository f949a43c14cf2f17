import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { BODY_LINE, loadCase } from './load-case-text.ts';

describe('case execution', () => {
  it('fills the defaults of every optional execution key', () => {
    const [only] = loadCase('    id: ABC-001\n    steps: [{ sleep: 1 }]\n').cases;
    assert.deepEqual(only?.execution, {
      fixture: 'auth',
      skip_if: [],
      resources: { exclusive: [], shared: [] },
      timeout: undefined,
      vars: {},
      steps: [{ sleep: 1 }],
    });
  });

  it('keeps what the case declares, filling only what it leaves out', () => {
    const loaded = loadCase(`    id: ABC-001
    fixture: health
    resources: { exclusive: [platform] }
    timeout: 45
    vars: { n: 1, s: 'x-\${random.uuid}' }
    skip_if: [{ when: '\${env.X ?? "" == "1"}', reason: r }]
    steps:
      - sleep: 1
`);
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(loaded.cases[0]?.execution, {
      fixture: 'health',
      skip_if: [{ when: '${env.X ?? "" == "1"}', reason: 'r' }],
      resources: { exclusive: ['platform'], shared: [] },
      timeout: 45,
      vars: { n: 1, s: 'x-${random.uuid}' },
      steps: [{ sleep: 1 }],
    });
  });

  it('gives expansions one site that locates any data path of the file', () => {
    const loaded = loadCase(`    matrix: { runtime: [python, java] }
    id: { python: ABC-001, java: ABC-002 }
    steps:
      - sleep: 1
      - request: { path: /x }
        expect: { status: 200 }
`);
    const [python, java] = loaded.cases;
    assert.ok(python && java);
    assert.equal(python.site, java.site);
    assert.equal(python.execution, java.execution);
    assert.deepEqual(python.site.path, ['cases', 0]);
    assert.deepEqual(python.site.locate([...python.site.path, 'steps', 1, 'expect', 'status']), {
      line: BODY_LINE + 5,
      col: 27,
      span: 3,
    });
    // A path that does not exist answers with its nearest existing ancestor.
    assert.equal(python.site.locate([...python.site.path, 'steps', 0, 'nothing']).line, BODY_LINE + 3);
    assert.equal(
      JSON.stringify(python.site.locate(['cases', 0])),
      JSON.stringify({ line: 3, col: 5, span: 1 }),
    );
  });
});

describe('the project catalogue executes', () => {
  const catalogue = loadCatalogue(REPO_ROOT);

  it('declares at least one step in every case', () => {
    assert.deepEqual(
      catalogue.cases.filter((c) => c.execution.steps.length === 0).map((c) => c.id),
      [],
    );
  });

  it('locates every case first step on its own line of the source', () => {
    for (const c of catalogue.cases) {
      const text = readFileSync(join(REPO_ROOT, c.site.file), 'utf8').split('\n');
      const at = c.site.locate([...c.site.path, 'steps', 0]);
      assert.match(text[at.line - 1] ?? '', /^\s+- /, `${c.id} ${c.site.file}:${at.line}`);
    }
  });
});
