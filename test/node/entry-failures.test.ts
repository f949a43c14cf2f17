import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { cleanEnv } from '../helpers/child-run.ts';
import { copyProject, FIXTURES, REPO_ROOT } from '../helpers/project-copy.ts';
import { caseIdsOf, createEntryProject, startHealthServer } from './entry-project.ts';
import { nodeTestJunit } from './junit-cases.ts';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-entry-failures-'));
const catalogue = loadCatalogue(REPO_ROOT);
const project = createEntryProject();
const casesOf = (scenario: string, env = 'e2e-docker') =>
  catalogue.cases
    .filter((c) => c.scenario === scenario && c.envs.includes(env))
    .map((c) => `${c.id} ${c.name}`);
const SECRETS = { X_API_KEY: 'key-7f3e9a1c55', AUTH_USER: 'e2e-user', AUTH_PASS: 'pass-2b8d4e6f90' };

let closedPort: number;
let healthy: { url: string; server: Server };
let unhealthy: { url: string; server: Server };

before(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  [healthy, unhealthy] = await Promise.all([startHealthServer(200), startHealthServer(503)]);
});
after(() => {
  healthy?.server.close();
  unhealthy?.server.close();
  project.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string>) => ({
  ...cleanEnv(['GATEWAY_URL', ...Object.keys(SECRETS)]),
  ...extra,
});

describe('node --test e2e/*.test.ts refuses to pass without testing (JUnit alone says why)', () => {
  it('fails every case with one line when the gateway is down or answers /health with other than 200', async () => {
    // The cheap project keeps this fast; its cases need nothing, so only the preflight can fail them.
    const files = ['e2e/autoscaling.test.ts', 'e2e/restart.test.ts'];
    const root = { ...SECRETS, ESB_E2E_ROOT: project.root };
    const [down, sick] = await Promise.all([
      nodeTestJunit(dir, 'down', files, env({ ...root, GATEWAY_URL: `http://127.0.0.1:${closedPort}` })),
      nodeTestJunit(dir, 'sick', files, env({ ...root, GATEWAY_URL: unhealthy.url })),
    ]);
    const expected = [...caseIdsOf('autoscaling'), ...caseIdsOf('restart')]
      .map((id) => `${id} test_${id.toLowerCase().replace('-', '_')}`)
      .sort();
    for (const [run, reason] of [
      [
        down,
        `the gateway is unreachable: GET http://127.0.0.1:${closedPort}/health failed: connection refused (ECONNREFUSED)`,
      ],
      [sick, `the gateway is not healthy: GET ${unhealthy.url}/health answered 503 `],
    ] as const) {
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.deepEqual(run.cases.map((c) => c.name).sort(), expected);
      for (const c of run.cases) {
        assert.ok(c.failure?.startsWith(reason), `${c.name}: ${c.failure}`);
        assert.doesNotMatch(c.failure ?? '', /\n/);
      }
      // No stack trace of ours: the failure body holds node's wrapper, never a runner file.
      assert.doesNotMatch(run.xml, /runner\/(node|exec|preflight)\//);
      for (const secret of Object.values(SECRETS).filter((s) => s.length > 8))
        assert.ok(!(run.xml + run.stdout + run.stderr).includes(secret), 'a secret leaked');
    }
  });

  it('fails every case of the real catalogue naming the missing credentials', async () => {
    const run = await nodeTestJunit(
      dir,
      'no-credentials',
      ['e2e/smoke.test.ts'],
      env({ GATEWAY_URL: healthy.url }),
    );
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.deepEqual(run.cases.map((c) => c.name).sort(), casesOf('smoke').sort());
    for (const c of run.cases)
      assert.equal(
        c.failure,
        'X_API_KEY, AUTH_USER and AUTH_PASS are not set; export them (the testbed prints them: npm run testbed -- up) before running cases',
      );
  });

  it('lists a broken catalogue in full once per run; every other entry file fails with its first problem', async () => {
    const project = copyProject(join(FIXTURES, 'base-project'), join(FIXTURES, 'broken', 'unknown-category'));
    try {
      const files = ['e2e/restart.test.ts', 'e2e/runtime-java.test.ts', 'e2e/smoke.test.ts'];
      const run = await nodeTestJunit(dir, 'broken', files, env({ ...SECRETS, ESB_E2E_ROOT: project.root }));
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.equal(run.cases.length, files.length);
      const first =
        "the catalogue does not load: catalog/alpha/test_one.yaml:6:15: error [ALP-001]: unknown category '機能型'. did you mean '機能系'?; fix: use one of the categories in catalog/categories.yaml";
      for (const c of run.cases) {
        assert.equal(c.name, 'catalogue');
        assert.ok(c.failure?.startsWith(first), c.failure);
      }
      const full = run.cases.filter((c) => c.failure?.includes('1 problem(s), all below'));
      assert.equal(full.length, 1, run.xml);
      // The full listing quotes the line with a caret (the JUnit body keeps its lines).
      assert.match(run.xml, /\n6 \| {5}category: 機能型\n {2}\| {15}\^{6}\n/);
      const holder = /listed in full by (e2e\/\S+\.test\.ts)/.exec(
        run.cases.find((c) => c !== full[0])?.failure ?? '',
      )?.[1];
      assert.ok(holder !== undefined && files.includes(holder), run.xml);
      assert.equal(run.cases.filter((c) => c.failure?.endsWith(`listed in full by ${holder}`)).length, 2);
    } finally {
      project.cleanup();
    }
  });

  it("fails the file, saying why on stderr, when node's --test-name-pattern filters out the failing test", async () => {
    const project = copyProject(join(FIXTURES, 'base-project'), join(FIXTURES, 'broken', 'unknown-category'));
    try {
      const run = await nodeTestJunit(
        dir,
        'broken-filtered',
        [
          '--test-name-pattern=^STD-',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          'e2e/smoke.test.ts',
        ],
        env({ ...SECRETS, ESB_E2E_ROOT: project.root }),
      );
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.deepEqual(
        run.cases.map((c) => [c.name, c.skipped]),
        [
          ['catalogue', 'test name does not match pattern'],
          [join(REPO_ROOT, 'e2e/smoke.test.ts'), undefined],
        ],
      );
      assert.match(
        run.stdout,
        /esb-e2e \[e2e\/smoke\.test\.ts\]: the catalogue does not load: catalog\/alpha\/test_one\.yaml:6:15: /,
      );
    } finally {
      project.cleanup();
    }
  });

  it('fails with one test named configuration for a malformed variable, an unknown environment, or two shardings', async () => {
    const base = env({ ...SECRETS, GATEWAY_URL: healthy.url });
    const [badVariable, unknownEnv, twoShards, unknownRevision] = await Promise.all([
      nodeTestJunit(dir, 'bad-variable', ['e2e/smoke.test.ts'], { ...base, ESB_E2E_CONCURRENCY: 'many' }),
      nodeTestJunit(dir, 'unknown-env', ['e2e/smoke.test.ts'], { ...base, ESB_E2E_ENV: 'e2e-podman' }),
      nodeTestJunit(dir, 'two-shards', ['--test-shard=1/1', 'e2e/smoke.test.ts'], {
        ...base,
        ESB_E2E_SHARD: '1/2',
      }),
      nodeTestJunit(dir, 'unknown-revision', ['e2e/smoke.test.ts'], { ...base, ESB_E2E_ESB: '2026-03-03' }),
    ]);
    for (const [run, message] of [
      [badVariable, /^ESB_E2E_CONCURRENCY=many is not a positive whole number; use e\.g\. 4$/],
      [unknownEnv, /^unknown environment 'e2e-podman'; the matrix defines: e2e-docker, e2e-containerd/],
      [twoShards, /^ESB_E2E_SHARD=1\/2 and node's --test-shard=1\/1 both split the run; use one of them/],
      [
        unknownRevision,
        /^ESB_E2E_ESB: unknown ESB revision '2026-03-03' \(did you mean 2026-03-02\?\); environments\/esb_revisions\.yaml declares 2026-02-17 \(default\), 2026-03-02$/,
      ],
    ] as const) {
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.deepEqual(
        run.cases.map((c) => c.name),
        ['configuration'],
      );
      assert.match(run.cases[0]?.failure ?? '', message);
    }
  });

  it('ESB_E2E_ESB loads the catalogue of that revision: SMK-011 exists from 2026-03-02 on, and skips off containerd', async () => {
    const base = env({ ...SECRETS, GATEWAY_URL: healthy.url, MODE: 'docker', ESB_E2E_IDS: 'SMK-011' });
    const [head, seed] = await Promise.all([
      nodeTestJunit(dir, 'revision-head', ['e2e/smoke.test.ts'], { ...base, ESB_E2E_ESB: '2026-03-02' }),
      nodeTestJunit(dir, 'revision-seed', ['e2e/smoke.test.ts'], base),
    ]);
    assert.deepEqual(
      head.cases.map((c) => c.name),
      ['SMK-011 test_containerd_cni_identity_and_nat_rules'],
      head.stdout + head.stderr,
    );
    // It skipped, and a run whose every case skipped tested nothing: its last case says so by failing.
    assert.equal(head.status, 1);
    assert.match(head.cases[0]?.failure ?? '', /containerd-only check/);
    assert.deepEqual(
      seed.cases.map((c) => c.name),
      ['configuration'],
    );
    assert.match(seed.cases[0]?.failure ?? '', /SMK-011/);
  });
});
