import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { caseTitle } from '../../runner/plan/case-title.ts';
import { planRun } from '../../runner/plan/plan-run.ts';
import { phaseOf } from '../../runner/plan/run-phases.ts';
import { UnknownSelectionError } from '../../runner/plan/select-cases.ts';
import { parseShard, ShardSyntaxError, takeShard } from '../../runner/plan/shard.ts';
import { assertPlansFollowMatrix } from '../catalogue/catalogue-invariants.ts';
import { casesRunBy, expectedCoverage } from '../catalogue/expected-coverage.ts';
import { SEED_PROJECT } from '../catalogue/seed-project.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const catalogue = loadCatalogue(REPO_ROOT);
// Counts follow the catalogue and the matrix file, so adding a case does not break them.
const expected = expectedCoverage(REPO_ROOT, catalogue.files);
const none = { envs: [], suites: [], ids: [] };

describe('planRun', () => {
  it('plans every environment of the matrix in matrix order, each with the cases of its suites', () => {
    assertPlansFollowMatrix(catalogue);
    const plans = planRun(catalogue, none);
    assert.deepEqual(
      plans.map((p) => p.env),
      ['e2e-docker', 'e2e-containerd'],
    );
    // Each plan names the scenarios of its cases, in the order they first run.
    for (const plan of plans)
      assert.deepEqual(plan.scenarios, [...new Set(plan.cases.map((c) => c.scenario))], plan.env);
  });

  it('plans the seed-era scenarios per environment on the frozen copy of the catalogue', () => {
    const plans = planRun(loadCatalogue(SEED_PROJECT), none);
    assert.deepEqual(plans[0]?.scenarios, [
      'smoke',
      'autoscaling',
      'standard',
      'runtime/java',
      'runtime/python',
      'restart',
    ]);
    assert.deepEqual(plans[1]?.scenarios, ['smoke', 'autoscaling', 'standard']);
  });

  it('keeps the catalogue run order within an environment', () => {
    const [docker] = planRun(catalogue, { ...none, envs: ['e2e-docker'] });
    const order = catalogue.cases.map(caseTitle);
    assert.deepEqual(docker?.cases.map(caseTitle), order);
  });

  it('filters by suite, and lets an ID shared by two expansions select both', () => {
    const [docker] = planRun(catalogue, { ...none, envs: ['e2e-docker'], ids: ['RST-001', 'SMK-003'] });
    assert.deepEqual(docker?.cases.map(caseTitle), [
      'SMK-003 test_runtime_echo[python]',
      'RST-001 test_service_process_crash_recovers[gateway]',
      'RST-001 test_service_process_crash_recovers[agent]',
    ]);
    const runtimeOnly = planRun(catalogue, { ...none, suites: ['runtime'] });
    assert.deepEqual(
      runtimeOnly.map((p) => p.cases.length),
      [casesRunBy(expected, 'e2e-docker', ['runtime']), 0],
    );
    assert.ok((expected.perSuite.get('runtime') ?? 0) > 0);
  });

  it('greps `<ID> <name>` ignoring case', () => {
    const [docker] = planRun(catalogue, { ...none, envs: ['e2e-docker'], grep: 'RUNTIME_ECHO[' });
    assert.deepEqual(
      docker?.cases.map((c) => c.id),
      ['SMK-003', 'SMK-004'],
    );
    const [byId] = planRun(catalogue, { ...none, envs: ['e2e-docker'], grep: 'smk-010' });
    assert.deepEqual(
      byId?.cases.map((c) => c.id),
      ['SMK-010'],
    );
  });

  it('rejects unknown environments, suites and IDs with the closest name', () => {
    assert.throws(
      () => planRun(catalogue, { ...none, envs: ['e2e-dockr'] }),
      (e: Error) => e instanceof UnknownSelectionError && /unknown environment 'e2e-dockr'/.test(e.message),
    );
    assert.throws(
      () => planRun(catalogue, { ...none, suites: ['smok'] }),
      (e: Error) => e instanceof UnknownSelectionError && /unknown suite 'smok'/.test(e.message),
    );
    assert.throws(
      () => planRun(catalogue, { ...none, ids: ['SMK-03'] }),
      (e: Error) =>
        e instanceof UnknownSelectionError &&
        e.message === "unknown case ID 'SMK-03'; did you mean 'SMK-003'?",
    );
  });

  it('shards each environment so that the shards partition it', () => {
    const whole = planRun(catalogue, none);
    for (const total of [1, 2, 3, 7]) {
      const parts = Array.from({ length: total }, (_, i) =>
        planRun(catalogue, { ...none, shard: { index: i + 1, total } }),
      );
      for (const [e, plan] of whole.entries()) {
        const titles = parts.flatMap((p) => p[e]?.cases.map(caseTitle) ?? []);
        assert.deepEqual([...titles].sort(), plan.cases.map(caseTitle).sort(), `${plan.env} in ${total}`);
        const sizes = parts.map((p) => p[e]?.cases.length ?? 0);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `balanced: ${sizes.join(',')}`);
      }
    }
  });
});

describe('shards', () => {
  it('parses i/n and rejects anything else with the expected form', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, total: 3 });
    assert.deepEqual(parseShard(' 1/1 '), { index: 1, total: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1-3', 'a/b', '', '1/3/4', '-1/3'])
      assert.throws(() => parseShard(bad), ShardSyntaxError, bad);
  });

  it('deals items round-robin', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(takeShard(items, { index: 1, total: 2 }), ['a', 'c', 'e']);
    assert.deepEqual(takeShard(items, { index: 2, total: 2 }), ['b', 'd']);
    assert.deepEqual(takeShard(items, { index: 3, total: 3 }), ['c']);
    assert.deepEqual(takeShard(items, undefined), items);
    assert.deepEqual(takeShard(items, { index: 7, total: 7 }), []);
  });
});

describe('run phases', () => {
  it('put the cases that take the whole platform last, and only those', () => {
    const seedLast = loadCatalogue(SEED_PROJECT).cases.filter((c) => phaseOf(c) === 'last');
    assert.deepEqual(seedLast.map(caseTitle), [
      'STD-015 test_grace_period_prevents_premature_deletion',
      'STD-016 test_orchestrator_restart_recovery',
      'RST-001 test_service_process_crash_recovers[gateway]',
      'RST-001 test_service_process_crash_recovers[agent]',
    ]);
    const last = catalogue.cases.filter((c) => phaseOf(c) === 'last');
    assert.ok(last.length > 0);
    assert.ok(last.every((c) => c.execution.resources.exclusive.includes('platform')));
    assert.ok(
      catalogue.cases
        .filter((c) => phaseOf(c) === 'main')
        .every((c) => !c.execution.resources.exclusive.includes('platform')),
    );
  });
});
