import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { assertEveryFileLoaded } from '../catalogue/catalogue-invariants.ts';
import { expectedCoverage } from '../catalogue/expected-coverage.ts';
import { SEED_PROJECT } from '../catalogue/seed-project.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const catalogue = loadCatalogue(REPO_ROOT);
const byId = (id: string) => catalogue.cases.filter((c) => c.id === id);

describe('the project catalogue', () => {
  it('expands every catalogue file into cases, one scenario per folder that holds a catalogue file', () => {
    // Counts follow the catalogue: every test_*.yaml below catalog/ loaded, every expansion kept.
    assertEveryFileLoaded(catalogue);
    assert.deepEqual(
      new Set(catalogue.cases.map((c) => c.scenario)),
      new Set(catalogue.files.map((f) => f.scenario)),
    );
  });

  it('holds the six scenarios of the seed era in its frozen copy, in catalogue order', () => {
    assert.deepEqual(
      [...new Set(loadCatalogue(SEED_PROJECT).cases.map((c) => c.scenario))],
      ['smoke', 'autoscaling', 'standard', 'runtime/java', 'runtime/python', 'restart'],
    );
  });

  it('runs the image cases right after STD-010 and the restart cases last', () => {
    const ids = catalogue.cases.map((c) => c.id);
    assert.deepEqual(ids.slice(ids.indexOf('STD-010'), ids.indexOf('STD-010') + 5), [
      'STD-010',
      'STD-027',
      'STD-028',
      'STD-029',
      'STD-011',
    ]);
    assert.deepEqual(ids.slice(-2), ['RST-001', 'RST-001']);
  });

  it('declares parametrised tests once and expands them by matrix tags', () => {
    const [python, java] = [byId('SMK-003')[0], byId('SMK-004')[0]];
    assert.ok(python && java);
    assert.deepEqual([python.name, java.name], ['test_runtime_echo[python]', 'test_runtime_echo[java]']);
    assert.deepEqual(python.site, { ...java.site });
    assert.deepEqual(python.params, { runtime: 'python' });
    assert.equal(java.doc.input.includes('`/api/connectivity/java`'), true);
    assert.equal(java.anchor, 'desc-smoke-runtime-echo-java');

    const restart = byId('RST-001');
    assert.deepEqual(
      restart.map((c) => c.name),
      ['test_service_process_crash_recovers[gateway]', 'test_service_process_crash_recovers[agent]'],
    );
    assert.deepEqual(
      restart.map((c) => c.params.service),
      ['gateway', 'agent'],
    );
  });

  it('gives every case an anchor, a known category, notes and the four document fields', () => {
    const categories = new Set(catalogue.categories.map((c) => c.name));
    for (const c of catalogue.cases) {
      assert.match(c.anchor, /^desc-[a-z0-9-]+$/, c.id);
      assert.ok(categories.has(c.category), c.id);
      assert.ok(c.notes.length > 0, `${c.id} has no notes`);
      for (const field of ['guarantee', 'input', 'pass_criteria', 'failure_hint'] as const)
        assert.ok(c.doc[field].length > 0, `${c.id} ${field}`);
      assert.ok(!JSON.stringify(c.doc).includes('${'), `${c.id} has an unrendered template`);
    }
  });

  it('assigns suites and environments from the matrix', () => {
    const count = (env: string) => catalogue.cases.filter((c) => c.envs.includes(env)).length;
    const expected = expectedCoverage(REPO_ROOT, catalogue.files);
    assert.equal(count('e2e-docker'), expected.perEnv.get('e2e-docker'));
    assert.equal(count('e2e-containerd'), expected.perEnv.get('e2e-containerd'));
    assert.ok(count('e2e-containerd') < count('e2e-docker'), 'containerd runs fewer suites than docker');
    assert.deepEqual(byId('ASC-001')[0]?.suite, 'standard');
    assert.deepEqual(byId('RTJ-001')[0]?.envs, ['e2e-docker']);
    assert.deepEqual(
      catalogue.matrix.environments.map((e) => [e.name, e.mode]),
      [
        ['e2e-docker', 'docker'],
        ['e2e-containerd', 'containerd'],
      ],
    );
  });

  it('starts every catalogue file with a yaml-language-server $schema line', () => {
    for (const file of catalogue.files) {
      const first = readFileSync(join(REPO_ROOT, file.file), 'utf8').split('\n')[0];
      assert.match(
        first ?? '',
        /^# yaml-language-server: \$schema=(\.\.\/)+schema\/catalog-file\.schema\.json$/,
        file.file,
      );
    }
  });
});
