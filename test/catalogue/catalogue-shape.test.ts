import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import {
  assertCountsFollowMatrix,
  assertEntryFilesExist,
  assertEveryCaseHasSteps,
  assertEveryFileLoaded,
  assertHooksOnlyWhereNeeded,
  hooksOf,
} from './catalogue-invariants.ts';
import { caseKey, expectedCoverage } from './expected-coverage.ts';
import { SEED_PROJECT } from './seed-project.ts';

describe('the project catalogue', () => {
  const catalogue = loadCatalogue(REPO_ROOT);

  it('loads every catalogue file, and every case has steps', () => {
    assertEveryFileLoaded(catalogue);
    assertEveryCaseHasSteps(catalogue);
  });

  it('runs each case in the suite and environments the matrix file names, and counts follow', () => {
    assertCountsFollowMatrix(catalogue);
  });

  it('uses hooks only where YAML cannot say it, and control-plane cases take the platform whole', () => {
    assertHooksOnlyWhereNeeded(catalogue);
  });

  it('has an entry file for every scenario folder', () => {
    assertEntryFilesExist(catalogue);
  });
});

describe('the seed-era catalogue (frozen fixture)', () => {
  const seed = loadCatalogue(SEED_PROJECT);

  it('has 53 executable cases in 21 files, 98 executions over the matrix: 53 on docker, 45 on containerd', () => {
    assertEveryFileLoaded(seed);
    assertEveryCaseHasSteps(seed);
    assertCountsFollowMatrix(seed);
    assert.equal(seed.files.length, 21);
    assert.equal(seed.cases.length, 53);
    const expected = expectedCoverage(SEED_PROJECT, seed.files);
    assert.equal(expected.executions, 98);
    assert.deepEqual(
      expected.perEnv,
      new Map([
        ['e2e-docker', 53],
        ['e2e-containerd', 45],
      ]),
    );
    assert.deepEqual(
      expected.perSuite,
      new Map([
        ['smoke', 10],
        ['standard', 35],
        ['runtime', 6],
        ['restart', 2],
      ]),
    );
  });

  it('used hooks only for the control plane and the S3 lifecycle read', () => {
    assertHooksOnlyWhereNeeded(seed);
    assert.deepEqual(seed.cases.filter((c) => hooksOf(c.execution.steps).length > 0).map(caseKey), [
      'STD-015 test_grace_period_prevents_premature_deletion',
      'STD-016 test_orchestrator_restart_recovery',
      'STD-024 test_bucket_lifecycle_configuration',
      'RST-001 test_service_process_crash_recovers[gateway]',
      'RST-001 test_service_process_crash_recovers[agent]',
    ]);
  });
});

describe('the catalogue checks', () => {
  const seed = loadCatalogue(SEED_PROJECT);
  const withCase = (index: number, change: (c: (typeof seed.cases)[number]) => object) => ({
    ...seed,
    cases: seed.cases.map((c, i) => (i === index ? { ...c, ...change(c) } : c)),
  });
  const dockerOnly = seed.cases.findIndex((c) => c.suite === 'runtime');

  it('notice a case run in an environment the matrix does not give its suite', () => {
    assert.throws(() =>
      assertCountsFollowMatrix(withCase(dockerOnly, (c) => ({ envs: [...c.envs, 'e2e-containerd'] }))),
    );
    assert.throws(() => assertCountsFollowMatrix(withCase(dockerOnly, () => ({ suite: 'smoke' }))));
  });

  it('notice a case that is lost, and one without steps', () => {
    assert.throws(() => assertEveryFileLoaded({ ...seed, cases: seed.cases.slice(1) }));
    assert.throws(() => assertCountsFollowMatrix({ ...seed, files: seed.files.slice(1) }));
    const noSteps = withCase(0, (c) => ({ execution: { ...c.execution, steps: [] } }));
    assert.throws(() => assertEveryCaseHasSteps(noSteps));
  });

  it('notice a control-plane case that does not take the platform whole', () => {
    const restart = seed.cases.findIndex((c) => c.id === 'RST-001');
    const shared = withCase(restart, (c) => ({
      execution: { ...c.execution, resources: { ...c.execution.resources, exclusive: [] } },
    }));
    assert.throws(
      () => assertHooksOnlyWhereNeeded(shared),
      /RST-001 .* does not declare exclusive: \[platform\]/,
    );
  });

  it('notice a scenario folder without its entry file', () => {
    assert.throws(
      () => assertEntryFilesExist(seed),
      /catalog\/[a-z/]+\/ has no entry file e2e\/[a-z-]+\.test\.ts/,
    );
  });
});
