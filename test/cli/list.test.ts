import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { casesRunBy, expectedCoverage } from '../catalogue/expected-coverage.ts';
import { esbE2eInProcess } from '../helpers/in-process-cli.ts';
import { copyProject, FIXTURES, REPO_ROOT } from '../helpers/project-copy.ts';

// In this process (test/cli/commands.test.ts runs the program itself as a child).
const cli = esbE2eInProcess;

async function listJson(args: string[]): Promise<Record<string, unknown>[]> {
  const result = await cli(['list', '--json', ...args]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

// Counts follow the catalogue and the matrix file, so adding a case does not break them.
const expected = expectedCoverage(REPO_ROOT, loadCatalogue(REPO_ROOT).files);

describe('esb-e2e list', () => {
  it('prints every expanded case as JSON with the documented fields', async () => {
    const entries = await listJson([]);
    assert.equal(entries.length, expected.cases);
    assert.deepEqual(entries[2], {
      id: 'SMK-003',
      name: 'test_runtime_echo[python]',
      scenario: 'smoke',
      suite: 'smoke',
      file: 'catalog/smoke/test_smoke.yaml',
      category: '機能系',
      envs: ['e2e-docker', 'e2e-containerd'],
    });
  });

  it('filters by environment: on e2e-containerd only its suites, smoke and standard', async () => {
    assert.equal((await listJson(['--env', 'e2e-docker'])).length, casesRunBy(expected, 'e2e-docker'));
    const containerd = await listJson(['--env', 'e2e-containerd']);
    assert.equal(containerd.length, casesRunBy(expected, 'e2e-containerd'));
    assert.ok(containerd.length < expected.cases);
    assert.ok(containerd.every((e) => ['smoke', 'standard'].includes(String(e.suite))));
  });

  it('filters by suite, and by suite and environment together', async () => {
    assert.equal((await listJson(['--suite', 'runtime'])).length, expected.perSuite.get('runtime'));
    assert.equal(
      (await listJson(['--suite', 'restart', '--suite', 'smoke'])).length,
      (expected.perSuite.get('restart') ?? 0) + (expected.perSuite.get('smoke') ?? 0),
    );
    // e2e-containerd does not run the runtime suite.
    assert.equal(casesRunBy(expected, 'e2e-containerd', ['runtime']), 0);
    assert.equal((await listJson(['--suite', 'runtime', '--env', 'e2e-containerd'])).length, 0);
  });

  it('prints a table by default', async () => {
    const result = await cli(['list', '--suite', 'restart']);
    assert.equal(result.status, 0);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+NAME\s+SCENARIO\s+SUITE\s+CATEGORY\s+ENVS\s+FILE$/);
    assert.match(
      lines[2] ?? '',
      /^RST-001\s+test_service_process_crash_recovers\[gateway\]\s+restart\s+restart\s+耐障害\s+e2e-docker\s+catalog\/restart\/test_restart\.yaml$/,
    );
    assert.equal(lines.at(-1), '2 case(s)');
  });

  it('rejects unknown environments, suites and options with exit 2', async () => {
    for (const args of [['--env', 'e2e-firecracker'], ['--suite', 'nope'], ['--bogus']]) {
      const result = await cli(['list', ...args]);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /esb-e2e list: /);
    }
    assert.equal((await cli(['frobnicate'])).status, 2);
  });

  it('stops with file:line:col and exit 2 on a broken catalogue, before listing anything', async () => {
    const project = copyProject(join(FIXTURES, 'base-project'), join(FIXTURES, 'broken', 'unknown-category'));
    try {
      const result = await cli(['list', '--json'], { ESB_E2E_ROOT: project.root });
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(
        result.stderr,
        /^catalog\/alpha\/test_one\.yaml:6:15: error \[ALP-001\]: unknown category '機能型'/,
      );
    } finally {
      project.cleanup();
    }
  });
});
