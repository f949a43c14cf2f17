import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { runCase } from '../../runner/exec/run-case.ts';
import { createRunContext } from '../../runner/exec/run-context.ts';
import { CatalogueLoadError } from '../../runner/load/diagnostic.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { copyProject, FIXTURES } from '../helpers/project-copy.ts';
import { type CorpusLayout, corpusProject } from './corpus-project.ts';

/**
 * expect.json of one corpus kind. The folder is named after the diagnostic code it provokes, optionally followed
 * by `--<variant>` when several situations end in the same code; `accepted--<variant>` is valid odd input that
 * must load (and its listed cases run and pass).
 */
interface Expectation extends CorpusLayout {
  code: string;
  /** Where the first diagnostic points; `<root>` stands for the project root. */
  file: string;
  line: number;
  col: number;
  caseIds: string[];
  message: string;
  count: number;
  /** For `accepted`: how many cases load, and which to run (each must pass). */
  cases?: number;
  run?: string[];
}

const corpus = join(FIXTURES, 'broken');
const kinds = readdirSync(corpus).sort();
const MIN_KINDS = 70;

function load(
  kind: string,
  expected: Expectation,
): { root: string; outcome: Catalogue | CatalogueLoadError } {
  const project = corpusProject(join(FIXTURES, 'base-project'), join(corpus, kind), expected);
  try {
    return { root: project.root, outcome: loadCatalogue(project.root) };
  } catch (error) {
    if (error instanceof CatalogueLoadError) return { root: project.root, outcome: error };
    throw error;
  } finally {
    project.cleanup();
  }
}

async function runAccepted(kind: string, expected: Expectation): Promise<void> {
  const project = corpusProject(join(FIXTURES, 'base-project'), join(corpus, kind), expected);
  try {
    const catalogue = loadCatalogue(project.root);
    assert.equal(catalogue.cases.length, expected.cases, `${kind}: number of loaded cases`);
    const context = createRunContext({
      projectRoot: project.root,
      env: { GATEWAY_URL: 'https://127.0.0.1:1' },
      lockDir: join(project.root, '.locks'),
    });
    for (const id of expected.run ?? []) {
      const planned = catalogue.cases.filter((c) => c.id === id);
      assert.ok(planned.length > 0, `${kind}: no case ${id}`);
      for (const c of planned) {
        const result = await runCase(c, context);
        assert.equal(result.status, 'passed', `${kind}: ${c.name}: ${result.failure ?? result.reason}`);
      }
    }
  } finally {
    project.cleanup();
  }
}

describe('broken catalogue corpus', () => {
  it(`holds at least ${MIN_KINDS} kinds, each with an expectation`, () => {
    assert.ok(kinds.length >= MIN_KINDS, `only ${kinds.length} kinds`);
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
    const expected = JSON.parse(readFileSync(join(corpus, kind, 'expect.json'), 'utf8')) as Expectation;
    if (expected.code === 'accepted') {
      it(`${kind}: valid odd input loads and runs correctly`, async () => {
        assert.ok(kind.startsWith('accepted--'), 'accepted kinds are named accepted--<variant>');
        await runAccepted(kind, expected);
      });
      continue;
    }
    it(`${kind}: its own error, at file:line:col, naming the case and the fix`, () => {
      assert.ok(
        kind === expected.code || kind.startsWith(`${expected.code}--`),
        'each corpus entry is named after the error it provokes',
      );
      const { root, outcome } = load(kind, expected);
      if (!(outcome instanceof CatalogueLoadError)) assert.fail(`${kind}: the broken catalogue loaded`);
      const error = outcome;
      const rendered = error.render();
      assert.equal(error.diagnostics.length, expected.count, rendered);
      assert.ok(
        error.diagnostics.every((d) => d.code === expected.code),
        rendered,
      );
      const [first] = error.diagnostics;
      assert.ok(first);
      const file = expected.file === '<root>' ? root : expected.file;
      assert.deepEqual(
        { file: first.file, line: first.line, col: first.col, caseIds: first.caseIds },
        { file, line: expected.line, col: expected.col, caseIds: expected.caseIds },
      );
      assert.ok(first.message.includes(expected.message), first.message);
      for (const d of error.diagnostics) {
        assert.ok(d.fix.length > 0, `${d.code} has no fix`);
        // Messages say in words what is expected; a schema's regular expression means nothing to an author.
        assert.doesNotMatch(`${d.message} ${d.fix}`, /\^\[|\]\$|\\\\[sdw]|\(\?:/, 'a raw regex in the text');
      }
      assert.ok(rendered.includes(`${file}:${expected.line}:${expected.col}: error`), rendered);
      if (expected.caseIds.length > 0)
        assert.ok(rendered.includes(`[${expected.caseIds.join(', ')}]`), rendered);
      assert.match(rendered, /\n\s+fix: /);
      assert.doesNotMatch(rendered, /\n\s+at .+:\d+:\d+\)?\n/, 'a stack trace in the output');
    });
  }
});
