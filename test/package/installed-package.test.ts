// Packs this project with npm pack, installs the tarball into a scratch repository that holds only its own
// catalogue, matrix and entry file (npm install --prefer-offline: the npm cache has every dependency; about a
// minute on a busy machine), then runs it as another repository would: npx esb-e2e list / run --target external
// against a loopback gateway this test starts, node --import tsx --test e2e/ping.test.ts, and the programmatic
// API. No Docker. The install is in the scratch folder, never in this worktree. Two gateways, one answering
// right and one wrong, so the runs share no state and run side by side.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ChildResult, cleanEnv, runCommandIn } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import {
  CONSUMER_CASES,
  CONSUMER_ENV,
  type PingGateway,
  startPingGateway,
  writeConsumerProject,
} from './consumer-project.ts';

const CLIENT_VARIABLES = ['GATEWAY_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS'];
const packDir = mkdtempSync(join(tmpdir(), 'esb-e2e-pack-'));
const consumer = mkdtempSync(join(tmpdir(), 'esb-e2e-consumer-'));
let right: PingGateway;
let wrong: PingGateway;

/**
 * cleanEnv without npm's own variables: under `npm test` they name this project (npm_config_local_prefix, …) and
 * would point the scratch repository's npm at it.
 */
function scratchEnv(drop: readonly string[] = []): Record<string, string> {
  const env = cleanEnv(drop);
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
  return env;
}

const shown = (r: ChildResult) => `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** The scratch repository's environment: no ESB_E2E_* (its root is its own folder), a loopback gateway's URL. */
function consumerEnv(gateway: PingGateway): Record<string, string> {
  return {
    ...scratchEnv(CLIENT_VARIABLES),
    GATEWAY_URL: gateway.url,
    X_API_KEY: 'key-package-5d1c7e',
    AUTH_USER: 'package-user',
    AUTH_PASS: 'pass-package-9a3f20',
  };
}

const inConsumer = (command: string, args: readonly string[], gateway: PingGateway = right) =>
  runCommandIn(consumer, command, args, consumerEnv(gateway), 90_000);

before(async () => {
  right = await startPingGateway(false);
  wrong = await startPingGateway(true);
  const pack = await runCommandIn(
    REPO_ROOT,
    'npm',
    ['pack', '--pack-destination', packDir, '--silent'],
    scratchEnv(),
    60_000,
  );
  assert.equal(pack.status, 0, `npm pack failed\n${shown(pack)}`);
  const tarballs = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  assert.equal(tarballs.length, 1, `npm pack wrote ${tarballs.join(', ') || 'no tarball'} to ${packDir}`);
  writeConsumerProject(consumer);
  const install = await runCommandIn(
    consumer,
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', join(packDir, tarballs[0] as string)],
    scratchEnv(),
    240_000,
  );
  assert.equal(install.status, 0, `npm install of the tarball failed\n${shown(install)}`);
});

after(async () => {
  await right?.close();
  await wrong?.close();
  rmSync(packDir, { recursive: true, force: true });
  rmSync(consumer, { recursive: true, force: true });
});

describe('esb-e2e installed from its npm tarball into another repository', { concurrency: true }, () => {
  it('ships the schemas where the consumer modelines point: node_modules/esb-e2e/schema/', () => {
    for (const name of ['catalog-file', 'categories', 'test-matrix'])
      assert.ok(existsSync(join(consumer, 'node_modules/esb-e2e/schema', `${name}.schema.json`)), name);
  });

  it('npx esb-e2e list lists the repository’s own cases, found from its folder (no ESB_E2E_ROOT)', async () => {
    const result = await inConsumer('npx', ['--no', 'esb-e2e', 'list', '--json']);
    assert.equal(result.status, 0, shown(result));
    const listed = JSON.parse(result.stdout) as { id: string; file: string }[];
    assert.deepEqual(
      listed.map((c) => [c.id, c.file]),
      CONSUMER_CASES.map((id) => [id, 'catalog/ping/test_ping.yaml']),
    );
  });

  it('npx esb-e2e run --target external runs them green, and fails when the gateway answers wrongly', async () => {
    const run = ['--no', 'esb-e2e', 'run', '--target', 'external', '--env', CONSUMER_ENV];
    const [green, red] = await Promise.all([inConsumer('npx', run), inConsumer('npx', run, wrong)]);
    assert.equal(green.status, 0, shown(green));
    assert.match(green.stdout, /2 passed, 0 failed, 0 skipped/, shown(green));
    assert.equal(red.status, 1, shown(red));
    assert.match(red.stdout, /1 passed, 1 failed, 0 skipped/, shown(red));
    assert.match(red.stdout + red.stderr, /PNG-002[\s\S]*\$\.pong/, shown(red));
  });

  it('node --import tsx --test e2e/ping.test.ts runs them green (the entry file imports from esb-e2e)', async () => {
    const args = ['--import', 'tsx', '--test', '--test-reporter=spec', 'e2e/ping.test.ts'];
    const [green, red] = await Promise.all([
      inConsumer(process.execPath, args),
      inConsumer(process.execPath, args, wrong),
    ]);
    assert.equal(green.status, 0, shown(green));
    assert.match(green.stdout, /ℹ pass 2\b/, shown(green));
    for (const id of CONSUMER_CASES) assert.match(green.stdout, new RegExp(`✔ ${id} `), shown(green));
    assert.equal(red.status, 1, shown(red));
    assert.match(red.stdout, /ℹ fail 1\b/, shown(red));
    assert.match(red.stdout, /✖ PNG-002 /, shown(red));
  });

  it("the programmatic API (esb-e2e/api) loads the repository's catalogue and plans it", async () => {
    const result = await inConsumer(process.execPath, ['--import', 'tsx', 'plan.ts']);
    assert.equal(result.status, 0, shown(result));
    assert.deepEqual(JSON.parse(result.stdout), [[CONSUMER_ENV, [...CONSUMER_CASES]]]);
  });

  it('imports outside package.json "exports" are refused (the API is what is exported)', async () => {
    const result = await inConsumer(process.execPath, [
      '--import',
      'tsx',
      '--eval',
      "await import('esb-e2e/runner/load/load-catalogue.ts')",
    ]);
    assert.notEqual(result.status, 0, shown(result));
    assert.match(result.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/, shown(result));
  });
});
