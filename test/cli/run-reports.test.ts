import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ChildResult, cleanEnv, runCli } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { parseXml } from '../report/xml-tree.ts';

// Runs of a project of its own against a loopback server, read through their reports: shards merged by
// merge-reports equal one unsharded run, --repeat-each names a case that fails one round in three as flaky, and
// --last-failed runs again exactly what failed.

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-run-reports-'));
let server: Server;
let url: string;
/** Requests to /flaky so far: every third one, from the second, answers 500. */
let flakyCalls = 0;

const caseYaml = (id: string, n: number, path: string) =>
  [
    `  - test: test_${path.slice(1)}_${n}`,
    `    id: ${id}`,
    `    anchor: desc-${id.toLowerCase()}`,
    '    category: 機能系',
    '    doc: { guarantee: g, input: i, pass_criteria: p, failure_hint: h }',
    '    fixture: none',
    '    steps:',
    `      - request: { path: ${path} }`,
    '        expect: { status: 200 }',
  ].join('\n');

/** Two environments: `alpha` runs the suites reports and flaky, `beta` the suite reports. */
function writeProject(root: string): void {
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  const header = '# yaml-language-server: $schema=../../schema/catalog-file.schema.json\ncases:\n';
  const files: Record<string, string[]> = {
    reports: [1, 2, 3, 4, 5, 6].map((n) => caseYaml(`RPT-00${n}`, n, '/ok')),
    flaky: [caseYaml('FLK-001', 1, '/flaky')],
  };
  files.reports?.push(caseYaml('RPT-007', 7, '/broken'));
  for (const [scenario, cases] of Object.entries(files)) {
    mkdirSync(join(root, 'catalog', scenario), { recursive: true });
    writeFileSync(join(root, 'catalog', scenario, `test_${scenario}.yaml`), `${header}${cases.join('\n')}\n`);
  }
  writeFileSync(
    join(root, 'catalog', 'categories.yaml'),
    '# yaml-language-server: $schema=../schema/categories.schema.json\ncategories:\n  - name: 機能系\n    description: 機能を確認するテスト。\n',
  );
  mkdirSync(join(root, 'environments'), { recursive: true });
  writeFileSync(
    join(root, 'environments', 'test_matrix.yaml'),
    [
      '# yaml-language-server: $schema=../schema/test-matrix.schema.json',
      'suites:',
      '  reports:',
      '    targets: [../catalog/reports/]',
      '  flaky:',
      '    targets: [../catalog/flaky/]',
      'environments:',
      '  alpha:',
      '    suites: [reports, flaky]',
      '  beta:',
      '    suites: [reports]',
      '',
    ].join('\n'),
  );
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO_ROOT, join(root, 'node_modules', 'esb-e2e'));
  mkdirSync(join(root, 'e2e'), { recursive: true });
  for (const scenario of Object.keys(files))
    writeFileSync(
      join(root, 'e2e', `${scenario}.test.ts`),
      `import { registerScenario } from 'esb-e2e';\n\nregisterScenario('${scenario}');\n`,
    );
}

const root = join(dir, 'project');

before(async () => {
  server = createServer((request, response) => {
    let status = 200;
    if (request.url === '/broken') status = 500;
    if (request.url === '/flaky') status = ++flakyCalls % 3 === 2 ? 500 : 200;
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeProject(root);
  for (const env of ['alpha', 'beta'])
    writeFileSync(
      join(dir, `${env}.env`),
      `GATEWAY_URL=${url}\nVICTORIALOGS_URL=${url}\nX_API_KEY=reports-api-key\nAUTH_USER=reports\nAUTH_PASS=reports-password\n`,
    );
});
after(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** esb-e2e run against the loopback server, whose address each environment's client file gives. */
function cli(args: string[]): Promise<ChildResult> {
  return runCli(['run', '--target', 'external', '--client-env', join(dir, '{env}.env'), ...args], {
    ...cleanEnv(['GATEWAY_URL', 'VICTORIALOGS_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS']),
    ESB_E2E_ROOT: root,
    NO_COLOR: '1',
  });
}

function merge(args: string[]): Promise<ChildResult> {
  return runCli(['merge-reports', ...args], { ...cleanEnv(), NO_COLOR: '1' });
}

interface JsonCase {
  readonly title: string;
  readonly status: string;
  readonly repeat?: number;
  readonly failure?: string;
}
interface JsonReport {
  readonly totals: Record<string, number>;
  readonly flaky?: { env: string; title: string; passed: number; failed: number; failedRepeats: number[] }[];
  readonly environments: { env: string; totals: Record<string, number>; cases: JsonCase[] }[];
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonReport;

/** What two runs must agree on: per environment, each case's title and status, in order. */
const results = (report: JsonReport) =>
  report.environments.map((e) => ({
    env: e.env,
    totals: e.totals,
    cases: e.cases.map((c) => [c.title, c.status]),
  }));

/** The closing table without its TIME column. */
const tableRows = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^(ENV|alpha|beta)\s/.test(line))
    .map((line) =>
      line
        .split(/\s{2,}/)
        .slice(0, 5)
        .join(' | '),
    );

describe('the reports of esb-e2e run', () => {
  it('merge-reports makes one run of --shard 1/3, 2/3 and 3/3: the same cases, results, table and exit code', async () => {
    const whole = await cli(['--env', 'alpha,beta', '--suite', 'reports', '--json', join(dir, 'whole.json')]);
    assert.equal(whole.status, 1, whole.stdout + whole.stderr);
    const shards: string[] = [];
    for (const index of [1, 2, 3]) {
      const path = join(dir, `shard-${index}.json`);
      const shard = await cli([
        '--env',
        'alpha,beta',
        '--suite',
        'reports',
        '--shard',
        `${index}/3`,
        '--json',
        path,
      ]);
      assert.ok(shard.status === 0 || shard.status === 1, shard.stdout + shard.stderr);
      shards.push(path);
    }
    const merged = await merge([
      ...shards.reverse(),
      '--json',
      join(dir, 'merged.json'),
      '--junit',
      join(dir, 'merged.xml'),
    ]);
    assert.equal(merged.status, 1, merged.stdout + merged.stderr);
    const expected = readReport(join(dir, 'whole.json'));
    const got = readReport(join(dir, 'merged.json'));
    assert.deepEqual(results(got), results(expected));
    assert.deepEqual(got.totals, { passed: 12, failed: 2, skipped: 0 });
    assert.deepEqual(tableRows(merged.stdout), tableRows(whole.stdout));
    assert.equal(tableRows(merged.stdout).length, 5, merged.stdout);
    assert.match(merged.stdout, /^e2e: 12 passed, 2 failed, 0 skipped$/m);
    assert.match(
      merged.stdout,
      /^\[alpha\] ✖ RPT-007 test_broken_7 \(catalog\/reports\/test_reports\.yaml:\d+\)$/m,
    );
    const xml = parseXml(readFileSync(join(dir, 'merged.xml'), 'utf8'));
    assert.equal(xml.attrs.tests, '14');
    assert.equal(xml.attrs.failures, '2');

    // Parts that do not make one run are refused, naming the files.
    const twice = await merge([shards[0] ?? '', shards[0] ?? '']);
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /shard-3\.json and .*shard-3\.json are both shard 3\/3; give each shard once/);
    const missing = await merge([shards[0] ?? '', shards[1] ?? '']);
    assert.equal(missing.status, 1, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /warning: shard 1\/3 is not among the reports: its cases are missing/);
    writeFileSync(join(dir, 'other.json'), '{"tests": 3}');
    const foreign = await merge([join(dir, 'other.json')]);
    assert.equal(foreign.status, 2);
    assert.match(foreign.stderr, /other\.json is not a report of esb-e2e run --json/);
    assert.doesNotMatch(foreign.stderr, /\n\s+at /, 'no stack trace');
  });

  it('--repeat-each 3 reports a case that fails one round in three as flaky, with its failure', async () => {
    flakyCalls = 0;
    const json = join(dir, 'repeat.json');
    const result = await cli(['--env', 'alpha', '--id', 'FLK-001', '--repeat-each', '3', '--json', json]);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(flakyCalls, 3);
    assert.match(result.stdout, /^\[alpha\] ✔ FLK-001 test_flaky_1 \(repeat 1\) /m);
    assert.match(result.stdout, /^\[alpha\] ✖ FLK-001 test_flaky_1 \(repeat 2\) /m);
    assert.match(result.stdout, /^\[alpha\] ✔ FLK-001 test_flaky_1 \(repeat 3\) /m);
    assert.match(
      result.stdout,
      /^Flaky \(passed in some runs, failed in others; their failures are above\):\n\n\[alpha\] FLK-001 test_flaky_1 \(catalog\/flaky\/test_flaky\.yaml:\d+\): passed 2, failed 1 \(repeat 2\)$/m,
    );
    assert.match(result.stdout, /^e2e: 2 passed, 1 failed, 0 skipped, 1 flaky$/m);
    const report = readReport(json);
    assert.deepEqual(report.flaky, [
      { env: 'alpha', title: 'FLK-001 test_flaky_1', passed: 2, failed: 1, failedRepeats: [2] },
    ]);
    const failed = report.environments[0]?.cases.find((c) => c.status === 'failed');
    assert.equal(failed?.repeat, 2);
    assert.match(failed?.failure ?? '', /500/);
  });

  it('--last-failed runs exactly the cases that failed in the last run, and says when there is none', async () => {
    rmSync(join(root, '.esb-e2e'), { recursive: true, force: true });
    const none = await cli(['--last-failed']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--last-failed: no last run in this project .*run esb-e2e run first/);

    const first = await cli(['--env', 'alpha', '--suite', 'reports']);
    assert.equal(first.status, 1, first.stdout + first.stderr);
    assert.ok(existsSync(join(root, '.esb-e2e', 'last-run.json')));
    const json = join(dir, 'again.json');
    const again = await cli(['--last-failed', '--json', json]);
    assert.equal(again.status, 1, again.stdout + again.stderr);
    assert.match(again.stdout, /--last-failed: 1 of the 1 case\(s\) that failed or did not finish/);
    const report = readReport(json);
    assert.deepEqual(results(report), [
      {
        env: 'alpha',
        totals: { passed: 0, failed: 1, skipped: 0 },
        cases: [['RPT-007 test_broken_7', 'failed']],
      },
    ]);

    // Once it passes, the run after has nothing left to run again.
    await cli(['--env', 'alpha', '--id', 'RPT-001']);
    const nothing = await cli(['--last-failed']);
    assert.equal(nothing.status, 1);
    assert.match(
      nothing.stderr,
      /--last-failed: no case failed or stopped unfinished in the run of .*; nothing to run again/,
    );
  });
});
