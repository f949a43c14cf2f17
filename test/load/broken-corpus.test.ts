import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CatalogueLoadError } from '../../runner/load/diagnostic.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { copyProject, FIXTURES } from '../helpers/project-copy.ts';

interface Expectation {
  code: string;
  file: string;
  line: number;
  col: number;
  caseIds: string[];
  message: string;
  count: number;
}

const corpus = join(FIXTURES, 'broken');
const kinds = readdirSync(corpus).sort();

function loadBroken(kind: string): CatalogueLoadError {
  const project = copyProject(join(FIXTURES, 'base-project'), join(corpus, kind));
  try {
    loadCatalogue(project.root);
  } catch (error) {
    if (error instanceof CatalogueLoadError) return error;
    throw error;
  } finally {
    project.cleanup();
  }
  assert.fail(`${kind}: the broken catalogue loaded without error`);
}

describe('broken catalogue corpus', () => {
  it('holds at least 15 kinds, each with an expectation', () => {
    assert.ok(kinds.length >= 15, `only ${kinds.length} kinds`);
    for (const kind of kinds)
      assert.ok(existsSync(join(corpus, kind, 'expect.json')), `${kind} lacks expect.json`);
  });

  it('the base project itself loads cleanly', () => {
    const project = copyProject(join(FIXTURES, 'base-project'));
    try {
      assert.equal(loadCatalogue(project.root).cases.length, 5);
    } finally {
      project.cleanup();
    }
  });

  for (const kind of kinds) {
    it(`${kind}: its own error, at file:line:col, naming the case`, () => {
      const expected = JSON.parse(readFileSync(join(corpus, kind, 'expect.json'), 'utf8')) as Expectation;
      const error = loadBroken(kind);
      assert.equal(expected.code, kind, 'each corpus entry is named after the error it provokes');
      assert.equal(error.diagnostics.length, expected.count, error.render());
      assert.ok(
        error.diagnostics.every((d) => d.code === kind),
        error.render(),
      );
      const [first] = error.diagnostics;
      assert.ok(first);
      assert.deepEqual(
        { file: first.file, line: first.line, col: first.col, caseIds: first.caseIds },
        { file: expected.file, line: expected.line, col: expected.col, caseIds: expected.caseIds },
      );
      assert.ok(first.message.includes(expected.message), first.message);
      assert.ok(first.fix.length > 0);
      const rendered = error.render();
      assert.ok(rendered.includes(`${expected.file}:${expected.line}:${expected.col}: error`), rendered);
      if (expected.caseIds.length > 0)
        assert.ok(rendered.includes(`[${expected.caseIds.join(', ')}]`), rendered);
      assert.match(rendered, /\n\s+fix: /);
    });
  }
});
