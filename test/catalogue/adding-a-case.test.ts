import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docsCommand } from '../../docsgen/docs-command.ts';
import { renderScenarios, SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { CatalogueLoadError } from '../../runner/load/diagnostic.ts';
import { loadCatalogue, MATRIX_FILE } from '../../runner/load/load-catalogue.ts';
import { ENTRY_DIR, entryFileFor, entrySource } from '../../runner/node/entry-files.ts';
import { assertDocumentCountsFollowCatalogue } from '../docs/document-counts.ts';
import { esbE2eInProcess, runInProcess } from '../helpers/in-process-cli.ts';
import { copyProject, REPO_ROOT } from '../helpers/project-copy.ts';
import {
  assertCountsFollowMatrix,
  assertEntryFilesExist,
  assertEveryCaseHasSteps,
  assertEveryFileLoaded,
  assertHooksOnlyWhereNeeded,
  assertPlansFollowMatrix,
} from './catalogue-invariants.ts';
import { expectedCoverage } from './expected-coverage.ts';

/*
 * Adding a case as the README says ("Adding or changing a case") keeps the project's own tests green: on a
 * scratch copy of the project, the catalogue loads, the document regenerates and passes its check, and the
 * checks the project's tests run on catalog/ hold for the grown catalogue.
 */

const live = loadCatalogue(REPO_ROOT);
/** The catalogue of the latest ESB revision: every case ID in use (one from a later revision is still taken). */
const latest = loadCatalogue(REPO_ROOT, { esb: live.esb?.revisions.at(-1)?.name });

/** The project as a user edits it: catalogue, matrix, schemas, the committed document and the entry files. */
function scratchProject() {
  const project = copyProject(REPO_ROOT);
  for (const part of ['docs', ENTRY_DIR])
    cpSync(join(REPO_ROOT, part), join(project.root, part), { recursive: true });
  return project;
}

/** The next free ID with `prefix`, as a contributor picks it: one above the highest in use. */
function nextFreeId(catalogue: Catalogue, prefix: string, offset = 0): string {
  const used = catalogue.cases.filter((c) => c.id.startsWith(`${prefix}-`)).map((c) => Number(c.id.slice(4)));
  return `${prefix}-${String(Math.max(0, ...used) + 1 + offset).padStart(3, '0')}`;
}

/** One case in the catalogue's YAML form, as an item of a file's `cases` list. */
function caseYaml(id: string, test: string, anchor: string): string {
  return [
    `  - test: ${test}`,
    `    id: ${id}`,
    `    anchor: ${anchor}`,
    '    category: 制御系',
    '    notes:',
    '      - Added by the test that proves adding a case keeps the project green.',
    '    doc:',
    '      guarantee: Gatewayのヘルスチェック経路が応答することを保証する。',
    '      input: "`GET /health` を実行する。"',
    '      pass_criteria: "`GET /health` が `200` を返すこと。"',
    '      failure_hint: Gatewayの起動状態を確認する。',
    '    fixture: none',
    '    steps:',
    '      - name: gateway health',
    '        request: { target: gateway, method: GET, path: /health, auth: none }',
    '        expect: { status: 200 }',
    '',
  ].join('\n');
}

/** The README's example case as a new catalogue file, with IDs, test name and anchor of its own. */
function readmeExampleFile(ids: readonly string[]): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Adding or changing a case'));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? assert.fail('the README has no example');
  let next = 0;
  const text = example
    .replace(
      /(?<=: )[A-Z]{3}-\d{3}\b/g,
      () => ids[next++] ?? assert.fail('the example has more IDs than given'),
    )
    .replaceAll('test_runtime_echo', 'test_added_echo')
    .replaceAll('desc-smoke-runtime-echo-', 'desc-smoke-added-echo-');
  assert.equal(next, ids.length, 'every ID of the example replaced');
  return text;
}

/** Adds a target to a suite of the matrix, after the suite's `targets:` line. */
function addTarget(root: string, suite: string, target: string): void {
  const path = join(root, MATRIX_FILE);
  const matrix = readFileSync(path, 'utf8');
  const edited = matrix.replace(
    `  ${suite}:\n    targets:\n`,
    `  ${suite}:\n    targets:\n      - ${target}\n`,
  );
  assert.notEqual(edited, matrix, `suite ${suite} found in the matrix`);
  writeFileSync(path, edited);
}

/** The command behind `npm run docs`, on the copy, in this process (test/cli/commands.test.ts runs its program). */
const generateDocs = (root: string, ...args: string[]) =>
  runInProcess(docsCommand, ['--root', root, ...args]);

/**
 * `npm run docs`, then the checks `npm test` runs on the catalogue and the document, for the copy: it loads
 * with no diagnostics, the document check passes, and counts follow the catalogue and the matrix file.
 */
async function regenerateAndCheck(root: string): Promise<Catalogue> {
  const stale = await generateDocs(root, '--check');
  assert.equal(stale.status, 1, 'the committed document is stale until regenerated');
  const written = await generateDocs(root);
  assert.equal(written.status, 0, written.stderr);
  const check = await generateDocs(root, '--check');
  assert.equal(check.status, 0, check.stderr);

  const catalogue = loadCatalogue(root);
  const document = readFileSync(join(root, SCENARIOS_DOC), 'utf8');
  assert.equal(document, renderScenarios(catalogue));
  assertEveryFileLoaded(catalogue);
  assertEveryCaseHasSteps(catalogue);
  assertCountsFollowMatrix(catalogue);
  assertPlansFollowMatrix(catalogue);
  assertHooksOnlyWhereNeeded(catalogue);
  assertDocumentCountsFollowCatalogue(catalogue, document);

  const listed = await esbE2eInProcess(['list', '--json'], { ESB_E2E_ROOT: root });
  assert.equal(listed.status, 0, listed.stderr);
  assert.equal(
    (JSON.parse(listed.stdout) as unknown[]).length,
    expectedCoverage(root, catalogue.files).cases,
  );
  return catalogue;
}

/** The diagnostics codes a load of `root` stops with; none when it loads. */
function loadProblems(root: string): string[] {
  try {
    loadCatalogue(root);
    return [];
  } catch (error) {
    if (!(error instanceof CatalogueLoadError)) throw error;
    return error.diagnostics.map((d) => `${d.file} ${d.code}`);
  }
}

const smokeCount = (catalogue: Catalogue) => catalogue.cases.filter((c) => c.scenario === 'smoke').length;

describe('adding a case', { concurrency: true }, () => {
  it('to an existing file (catalog/smoke/test_smoke.yaml): nothing else to edit but the document', async () => {
    const project = scratchProject();
    try {
      const id = nextFreeId(latest, 'SMK');
      appendFileSync(
        join(project.root, 'catalog/smoke/test_smoke.yaml'),
        caseYaml(id, 'test_added_health', 'desc-smoke-added-health'),
      );
      const grown = await regenerateAndCheck(project.root);
      assertEntryFilesExist(grown);
      assert.equal(grown.cases.length, live.cases.length + 1);
      assert.equal(smokeCount(grown), smokeCount(live) + 1);
      const added = grown.cases.find((c) => c.id === id);
      assert.deepEqual(added?.envs, live.cases.find((c) => c.id === 'SMK-001')?.envs);
      assert.notEqual(readFileSync(join(project.root, SCENARIOS_DOC), 'utf8'), renderScenarios(live));
    } finally {
      project.cleanup();
    }
  });

  it('in a new file (the README example): loads only once a suite of the matrix covers the file', async () => {
    const project = scratchProject();
    try {
      const ids = [nextFreeId(latest, 'SMK'), nextFreeId(latest, 'SMK', 1)];
      writeFileSync(join(project.root, 'catalog/smoke/test_added.yaml'), readmeExampleFile(ids));
      assert.deepEqual(loadProblems(project.root), ['catalog/smoke/test_added.yaml case-in-no-suite']);
      addTarget(project.root, 'smoke', '../catalog/smoke/test_added.yaml');
      const grown = await regenerateAndCheck(project.root);
      assertEntryFilesExist(grown);
      assert.deepEqual(
        grown.cases.filter((c) => ids.includes(c.id)).map((c) => [c.id, c.name, c.suite]),
        [
          [ids[0], 'test_added_echo[python]', 'smoke'],
          [ids[1], 'test_added_echo[java]', 'smoke'],
        ],
      );
      assert.equal(smokeCount(grown), smokeCount(live) + 2);
    } finally {
      project.cleanup();
    }
  });

  it('in a new scenario folder: needs a suite covering it and an entry file e2e/<scenario>.test.ts', async () => {
    const project = scratchProject();
    try {
      mkdirSync(join(project.root, 'catalog/added'));
      writeFileSync(
        join(project.root, 'catalog/added/test_added.yaml'),
        `# yaml-language-server: $schema=../../schema/catalog-file.schema.json\ncases:\n${caseYaml('ADD-001', 'test_added_health', 'desc-added-health')}`,
      );
      assert.deepEqual(loadProblems(project.root), ['catalog/added/test_added.yaml case-in-no-suite']);
      addTarget(project.root, 'smoke', '../catalog/added/');
      const grown = await regenerateAndCheck(project.root);
      assert.equal(grown.cases.find((c) => c.id === 'ADD-001')?.scenario, 'added');
      assert.ok(
        readFileSync(join(project.root, SCENARIOS_DOC), 'utf8').includes('\n### added\n'),
        'the document has a section for the new scenario',
      );

      assert.throws(
        () => assertEntryFilesExist(grown),
        /catalog\/added\/ has no entry file e2e\/added\.test\.ts/,
      );
      writeFileSync(join(project.root, entryFileFor('added')), entrySource('added'));
      assertEntryFilesExist(grown);
    } finally {
      project.cleanup();
    }
  });
});
