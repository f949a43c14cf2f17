import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderScenarios, SCENARIOS_DOC, scenariosDocument } from '../../docsgen/render-scenarios.ts';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { runCase } from '../../runner/exec/run-case.ts';
import { createRunContext } from '../../runner/exec/run-context.ts';
import { catalogueCacheEntries, loadCatalogueCached } from '../../runner/load/catalogue-cache.ts';
import { writeCatalogueSnapshot } from '../../runner/load/catalogue-snapshot.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { ESB_REVISIONS_FILE, EsbRevisionError } from '../../runner/load/load-esb-revisions.ts';
import { esbE2eInProcess } from '../helpers/in-process-cli.ts';
import { copyProject, FIXTURES, REPO_ROOT } from '../helpers/project-copy.ts';
import { corpusProject } from './corpus-project.ts';

/** The corpus's accepted project with two revisions (2026-01-01, the default, and 2026-02-01). */
function revisionsProject(): { root: string; cleanup: () => void } {
  return corpusProject(
    join(FIXTURES, 'base-project'),
    join(FIXTURES, 'broken', 'accepted--esb-revisions'),
    {},
  );
}

const ids = (catalogue: Catalogue) => catalogue.cases.map((c) => c.id);

async function run(catalogue: Catalogue, id: string, root: string) {
  const planned = catalogue.cases.find((c) => c.id === id) ?? assert.fail(`no case ${id}`);
  const context = createRunContext({ projectRoot: root, env: {}, lockDir: join(root, '.locks') });
  return runCase(planned, context);
}

describe('ESB revisions: the catalogue for one revision', () => {
  it('the live catalogue: 53 cases at the default 2026-02-17, 55 at 2026-03-02 with SMK-011 and STD-030', () => {
    const seed = loadCatalogue(REPO_ROOT);
    const head = loadCatalogue(REPO_ROOT, { esb: '2026-03-02' });
    assert.equal(seed.esb?.revision.name, '2026-02-17');
    assert.equal(seed.esb?.defaultName, '2026-02-17');
    assert.equal(head.esb?.revision.commit, '5694369811f4b06451813688e66e35293b50a7e2');
    assert.equal(seed.cases.length, 53);
    assert.equal(head.cases.length, 55);
    assert.deepEqual(
      ids(head).filter((id) => !ids(seed).includes(id)),
      ['SMK-011', 'STD-030'],
    );
    // Every case knows its revision: the runner reads it for esb.* and `since:`.
    assert.ok(head.cases.every((c) => c.esb?.revision.name === '2026-03-02'));
    // SMK-011 runs after SMK-002 and before SMK-003 (the smoke targets' order), STD-030 right after STD-024.
    const order = ids(head);
    assert.equal(order.indexOf('SMK-011'), order.indexOf('SMK-002') + 1);
    assert.equal(order.indexOf('STD-030'), order.indexOf('STD-024') + 1);
    assert.deepEqual(
      head.cases.filter((c) => c.id === 'SMK-011').map((c) => [...c.envs]),
      [['e2e-docker', 'e2e-containerd']],
    );
    // The renamed runtime modules.
    const moduleOf = (catalogue: Catalogue, id: string) => catalogue.cases.find((c) => c.id === id)?.module;
    assert.deepEqual(
      ['RTJ-001', 'RTJ-003', 'RTP-001', 'RTP-002'].map((id) => [moduleOf(seed, id), moduleOf(head, id)]),
      [
        ['test_echo', 'test_echo_java'],
        ['test_observability', 'test_observability_java'],
        ['test_echo', 'test_echo_python'],
        ['test_observability', 'test_observability_python'],
      ],
    );
    assert.equal(scenariosDocument(seed), SCENARIOS_DOC);
    assert.equal(scenariosDocument(head), 'docs/scenarios-2026-03-02.md');
  });

  it('a later case is absent, a renamed module and the doc text follow the revision', () => {
    const project = revisionsProject();
    try {
      const first = loadCatalogue(project.root);
      const second = loadCatalogue(project.root, { esb: '2026-02-01' });
      assert.deepEqual(ids(first), ['ALP-001', 'ALP-002', 'ALP-003', 'ALP-005', 'BET-001', 'BET-001']);
      assert.deepEqual(ids(second), [
        'ALP-001',
        'ALP-002',
        'ALP-003',
        'ALP-004',
        'ALP-005',
        'BET-001',
        'BET-001',
      ]);
      assert.deepEqual(
        first.files.find((f) => f.file === 'catalog/alpha/test_one.yaml')?.cases.map((c) => c.id),
        ['ALP-001', 'ALP-002', 'ALP-003', 'ALP-005'],
      );
      const input = (c: Catalogue) => c.cases.find((x) => x.id === 'ALP-001')?.doc.input;
      assert.equal(input(first), '`GET /health` を実行する（2026-01-01）。');
      assert.equal(input(second), '`GET /health` を2回実行する（2026-02-01）。');
      assert.equal(first.cases[0]?.module, 'test_one');
      assert.equal(second.cases[0]?.module, 'test_one_v2');
      assert.match(renderScenarios(second), /`catalog\/alpha\/test_one\.yaml`（`test_one_v2\.py`）/);
      assert.doesNotMatch(renderScenarios(first), /test_one_v2|ESBリビジョン/);
      assert.match(renderScenarios(second), /\n {2}- ESBリビジョン: `2026-02-01`（コミット `2222222`）\n/);
    } finally {
      project.cleanup();
    }
  });

  it('a step or assertion written `since:` takes part from that revision on', async () => {
    const project = revisionsProject();
    try {
      const first = loadCatalogue(project.root);
      const second = loadCatalogue(project.root, { esb: '2026-02-01' });
      for (const id of ['ALP-001', 'ALP-005'])
        assert.equal((await run(first, id, project.root)).status, 'passed', id);
      const assertion = await run(second, 'ALP-001', project.root);
      assert.equal(assertion.status, 'failed');
      assert.match(assertion.failure ?? '', /expected "second", got "first"/);
      assert.match(assertion.failure ?? '', /catalog\/alpha\/test_one\.yaml:21:/);
      const step = await run(second, 'ALP-005', project.root);
      assert.equal(step.status, 'failed');
      assert.match(step.failure ?? '', /a step of the second revision on/);
    } finally {
      project.cleanup();
    }
  });

  it('a revision the project does not declare is refused, naming the declared ones', () => {
    const project = revisionsProject();
    try {
      assert.throws(
        () => loadCatalogue(project.root, { esb: '2026-02-02' }),
        (error: Error) =>
          error instanceof EsbRevisionError &&
          error.message ===
            `unknown ESB revision '2026-02-02' (did you mean 2026-02-01?); ${ESB_REVISIONS_FILE} declares 2026-01-01 (default), 2026-02-01`,
      );
      rmSync(join(project.root, ESB_REVISIONS_FILE));
      // The base project's file, which names no revision.
      cpSync(
        join(FIXTURES, 'base-project', 'catalog/alpha/test_one.yaml'),
        join(project.root, 'catalog/alpha/test_one.yaml'),
      );
      assert.throws(
        () => loadCatalogue(project.root, { esb: '2026-02-01' }),
        /the project declares no ESB revisions, so --esb 2026-02-01 names nothing/,
      );
      assert.equal(loadCatalogue(project.root).esb, undefined);
    } finally {
      project.cleanup();
    }
  });

  it('the catalogue cache keeps one entry per revision and answers each with its own', () => {
    const project = copyProject(REPO_ROOT);
    try {
      const seed = loadCatalogueCached(project.root);
      const head = loadCatalogueCached(project.root, { esb: '2026-03-02' });
      assert.equal(catalogueCacheEntries(project.root).length, 1);
      assert.equal(catalogueCacheEntries(project.root, { esb: '2026-03-02' }).length, 1);
      // Marked entries prove the next loads are hits, each of its own revision.
      for (const [options, catalogue] of [
        [{}, seed],
        [{ esb: '2026-03-02' }, head],
      ] as const) {
        const [entry] = catalogueCacheEntries(project.root, options);
        const marked = { ...catalogue, categories: [{ name: 'marked', description: 'from the cache' }] };
        writeCatalogueSnapshot(marked, entry as string);
        const hit = loadCatalogueCached(project.root, options);
        assert.equal(hit.categories[0]?.name, 'marked');
        assert.equal(hit.cases.length, catalogue.cases.length);
      }
      // An edit of the revisions file is a miss for both.
      writeFileSync(
        join(project.root, ESB_REVISIONS_FILE),
        `# yaml-language-server: $schema=../schema/esb-revisions.schema.json\ndefault: "2026-03-02"\nrevisions:\n  - { name: "2026-02-17", commit: aeec2c8, description: seed }\n  - { name: "2026-03-02", commit: "5694369", description: head }\n`,
      );
      const now = loadCatalogueCached(project.root);
      assert.equal(now.categories[0]?.name, '機能系');
      assert.equal(now.esb?.revision.name, '2026-03-02');
      assert.equal(now.cases.length, 55);
    } finally {
      project.cleanup();
    }
  });
});

describe('ESB revisions on the command line', () => {
  it("esb-e2e list --esb and ESB_E2E_ESB list the revision's cases; an unknown one is one line, exit 2", async () => {
    const listed = async (args: string[], env: Record<string, string> = {}) => {
      const result = await esbE2eInProcess(['list', '--json', ...args], { ESB_E2E_ROOT: REPO_ROOT, ...env });
      assert.equal(result.status, 0, result.stderr);
      return (JSON.parse(result.stdout) as { id: string }[]).map((e) => e.id);
    };
    assert.equal((await listed([])).length, 53);
    assert.ok((await listed(['--esb', '2026-03-02'])).includes('SMK-011'));
    assert.ok((await listed([], { ESB_E2E_ESB: '2026-03-02' })).includes('STD-030'));
    // The flag wins over the variable.
    assert.equal((await listed(['--esb', '2026-02-17'], { ESB_E2E_ESB: '2026-03-02' })).length, 53);
    const table = await esbE2eInProcess(['list', '--esb', '2026-03-02'], { ESB_E2E_ROOT: REPO_ROOT });
    assert.match(table.stdout, /\n55 case\(s\) of ESB 2026-03-02\n$/);
    const byDefault = await esbE2eInProcess(['list'], { ESB_E2E_ROOT: REPO_ROOT });
    assert.match(byDefault.stdout, /\n53 case\(s\)\n$/);
    for (const [args, env, from] of [
      [['--esb', '2026-03-03'], {}, '--esb'],
      [[], { ESB_E2E_ESB: '2026-03-03' }, 'ESB_E2E_ESB'],
    ] as const) {
      const refused = await esbE2eInProcess(['list', ...args], { ESB_E2E_ROOT: REPO_ROOT, ...env });
      assert.equal(refused.status, 2);
      assert.equal(refused.stdout, '');
      assert.equal(
        refused.stderr,
        `esb-e2e list: ${from}: unknown ESB revision '2026-03-03' (did you mean 2026-03-02?); environments/esb_revisions.yaml declares 2026-02-17 (default), 2026-03-02\n`,
      );
    }
  });
});
