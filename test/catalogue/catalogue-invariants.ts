import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { Catalogue } from '../../language/model/catalogue.ts';
import type { StepSpec } from '../../language/model/steps.ts';
import { CATALOGUE_DIR } from '../../runner/load/load-catalogue.ts';
import { entryFileFor, entrySource } from '../../runner/node/entry-files.ts';
import { planRun } from '../../runner/plan/plan-run.ts';
import { caseKey, casesRunBy, expectedCoverage } from './expected-coverage.ts';

/*
 * What holds for any valid catalogue of this project, written against a loaded catalogue (and its root) so the
 * project's own catalogue and a scratch copy with an added case go through the same assertions.
 */

/** Every hook a step list uses, nested parallel and loop steps included. */
export function hooksOf(steps: readonly StepSpec[]): string[] {
  return steps.flatMap((step) => {
    if ('hook' in step) return [step.hook];
    if ('parallel' in step) return hooksOf(step.parallel.steps);
    if ('loop' in step) return hooksOf(step.loop.steps);
    return [];
  });
}

/** Catalogue files on disk, found without the loader: test_*.yaml in a folder below catalog/. */
function catalogueFilesOnDisk(root: string): string[] {
  return readdirSync(join(root, CATALOGUE_DIR), { recursive: true, encoding: 'utf8' })
    .map((p) => p.replaceAll('\\', '/'))
    .filter((p) => p.includes('/') && /(^|\/)test_[^/]+\.yaml$/.test(p))
    .map((p) => `${CATALOGUE_DIR}/${p}`)
    .sort();
}

/** Every catalogue file on disk is loaded, and every expanded case sits in one of them. */
export function assertEveryFileLoaded(catalogue: Catalogue): void {
  assert.deepEqual(catalogue.files.map((f) => f.file).sort(), catalogueFilesOnDisk(catalogue.root));
  const inFiles = catalogue.files.flatMap((f) => f.cases.map(caseKey)).sort();
  assert.deepEqual(catalogue.cases.map(caseKey).sort(), inFiles);
}

/** Each case's suite and environments, and the counts per environment, are what the matrix file implies. */
export function assertCountsFollowMatrix(catalogue: Catalogue): void {
  const expected = expectedCoverage(catalogue.root, catalogue.files);
  assert.equal(catalogue.cases.length, expected.cases);
  for (const c of catalogue.cases) assert.equal(c.suite, expected.suiteOfCase.get(caseKey(c)), caseKey(c));
  const perEnv = new Map(
    catalogue.matrix.environments.map((e) => [
      e.name,
      catalogue.cases.filter((c) => c.envs.includes(e.name)).length,
    ]),
  );
  assert.deepEqual(perEnv, expected.perEnv);
  assert.equal(
    catalogue.cases.reduce((n, c) => n + c.envs.length, 0),
    expected.executions,
  );
}

/** A run of the whole matrix plans, per environment in matrix order, the cases of that environment's suites. */
export function assertPlansFollowMatrix(catalogue: Catalogue): void {
  const expected = expectedCoverage(catalogue.root, catalogue.files);
  assert.deepEqual(
    planRun(catalogue, { envs: [], suites: [], ids: [] }).map((p) => [p.env, p.cases.length]),
    [...expected.suitesOfEnv.keys()].map((env) => [env, casesRunBy(expected, env)]),
  );
}

/** Every case executes something. */
export function assertEveryCaseHasSteps(catalogue: Catalogue): void {
  for (const c of catalogue.cases) assert.ok(c.execution.steps.length > 0, `${caseKey(c)} has no steps`);
}

/**
 * Hooks only where YAML cannot say it (the hook table holds only the control plane and the S3 lifecycle read):
 * at least 80% of the cases use none, and a case that restarts or crashes a service takes the platform whole.
 */
export function assertHooksOnlyWhereNeeded(catalogue: Catalogue): void {
  const withHooks = catalogue.cases.filter((c) => hooksOf(c.execution.steps).length > 0);
  const share = (catalogue.cases.length - withHooks.length) / catalogue.cases.length;
  assert.ok(share >= 0.8, `only ${(share * 100).toFixed(0)}% of the cases use no hook`);
  for (const c of withHooks) {
    const controlPlane = hooksOf(c.execution.steps).some((h) => HOOK_TABLE[h]?.scope !== 'read-only');
    if (controlPlane)
      assert.ok(
        c.execution.resources.exclusive.includes('platform'),
        `${caseKey(c)} restarts or crashes a service but does not declare exclusive: [platform]`,
      );
  }
}

/** Every scenario folder has its node:test entry file, one registerScenario call, under the catalogue's root. */
export function assertEntryFilesExist(catalogue: Catalogue): void {
  for (const scenario of new Set(catalogue.files.map((f) => f.scenario))) {
    const file = join(catalogue.root, entryFileFor(scenario));
    assert.ok(existsSync(file), `catalog/${scenario}/ has no entry file ${entryFileFor(scenario)}`);
    assert.equal(readFileSync(file, 'utf8'), entrySource(scenario), file);
  }
}
