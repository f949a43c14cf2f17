import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import type { StepSpec } from '../../runner/model/steps.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

/** Every hook a step list uses, nested parallel and loop steps included. */
function hooksOf(steps: readonly StepSpec[]): string[] {
  return steps.flatMap((step) => {
    if ('hook' in step) return [step.hook];
    if ('parallel' in step) return hooksOf(step.parallel.steps);
    if ('loop' in step) return hooksOf(step.loop.steps);
    return [];
  });
}

const catalogue = loadCatalogue(REPO_ROOT);

test('the catalogue has 53 executable cases, 98 executions over the matrix', () => {
  assert.equal(catalogue.cases.length, 53);
  for (const c of catalogue.cases) assert.ok(c.execution.steps.length > 0, `${c.id} ${c.name} has no steps`);
  assert.equal(
    catalogue.cases.reduce((n, c) => n + c.envs.length, 0),
    98,
  );
});

test('hooks only where YAML cannot say it: at least 80% of the cases use none', () => {
  const withHooks = catalogue.cases.filter((c) => hooksOf(c.execution.steps).length > 0);
  const share = (catalogue.cases.length - withHooks.length) / catalogue.cases.length;
  assert.ok(share >= 0.8, `only ${(share * 100).toFixed(0)}% of the cases use no hook`);
  // The control plane (restart, crash) and the S3 lifecycle read are the only things YAML cannot say.
  assert.deepEqual(
    withHooks.map((c) => `${c.id} ${c.name}`),
    [
      'STD-015 test_grace_period_prevents_premature_deletion',
      'STD-016 test_orchestrator_restart_recovery',
      'STD-024 test_bucket_lifecycle_configuration',
      'RST-001 test_service_process_crash_recovers[gateway]',
      'RST-001 test_service_process_crash_recovers[agent]',
    ],
  );
});

test('cases that restart or crash the platform take it whole', () => {
  for (const c of catalogue.cases) {
    const controlPlane = hooksOf(c.execution.steps).some((h) => h !== 's3_bucket_lifecycle');
    if (controlPlane)
      assert.ok(
        c.execution.resources.exclusive.includes('platform'),
        `${c.id} ${c.name} restarts or crashes a service but does not declare exclusive: [platform]`,
      );
  }
});
