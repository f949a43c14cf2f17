import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type MutationReport, readMutationReport, suiteScores } from '../../runner/mutate/mutation-report.ts';
import { mutationHtmlReport } from '../../runner/report/html/html-report.ts';
import { cleanEnv, runCli } from '../helpers/child-run.ts';
import { launchChromium, openPage } from '../helpers/headless-chromium.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// The page of `esb-e2e mutate --html` after a real mutate run against a loopback server, opened from disk in
// Debian's Chromium (headless): the suite table with the run's counts, the weak case's survivor with its request
// and change, the case that failed without any mutation and why, and no secret anywhere in the page. Then the
// same report with one survivor accepted: its reason shown, and the gaps filter hiding it. A screenshot is kept
// in reports/ (CI's artefacts).

const SCREENSHOT = join(REPO_ROOT, 'reports', 'mutation-html-report.png');
const API_KEY = 'mutation-api-key-4f0b2c';
const PASSWORD = 'mutation-password-81e6d3';
const TOKEN = 'mutation-token-2a9c7e51';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-mutation-html-'));
let server: Server;
let browser: Browser | undefined;

const caseYaml = (id: string, n: number, path: string, checks: string[]) =>
  [
    `  - test: test_mutant_${n}`,
    `    id: ${id}`,
    `    anchor: desc-${id.toLowerCase()}`,
    '    category: 機能系',
    `    doc: { guarantee: g, input: i, pass_criteria: "\`message\` が返ること。", failure_hint: h }`,
    '    fixture: auth',
    '    steps:',
    `      - request: { path: ${path}, json: { message: hello-${n} } }`,
    '        expect:',
    '          status: 200',
    '          assert:',
    ...checks.map((c) => `            - ${c}`),
  ].join('\n');

before(async () => {
  // Small answers: every mutation of them fits the budget, so the weak case's survivors do not hang on the seed.
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.url === '/user/auth/v1') return json(200, { AuthenticationResult: { IdToken: TOKEN } });
      const message = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { message?: string }).message;
      // The broken route answers 502 and, as a careless server would, echoes the caller's credentials.
      if (request.url === '/api/broken') return json(502, { seen: request.headers.authorization ?? '' });
      return json(200, { message: `Echo: ${message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The cells of the suite table's row of one suite, as text. */
async function suiteRow(tab: Page, suite: string): Promise<string[]> {
  return tab.locator(`[data-testid=mutation-suite-row][data-suite="${suite}"] td`).allTextContents();
}

const caseBox = (tab: Page, id: string) => tab.locator('[data-testid=mutation-case]', { hasText: id });

let report: MutationReport | undefined;

test('mutate --html writes a page that shows the suite counts, the survivors and why a case was not mutated', async () => {
  const root = scratchProject(join(dir, 'project'), {
    env: 'e2e-docker',
    scenario: 'mutants',
    file: 'test_mutants.yaml',
    cases: `cases:\n${[
      caseYaml('MHT-001', 1, '/api/echo', ['{ path: $.message, exists: true }']),
      caseYaml('MHT-002', 2, '/api/echo', ['{ path: $.message, equals: "Echo: hello-2" }']),
      caseYaml('MHT-003', 3, '/api/broken', ['{ path: $.seen, exists: true }']),
    ].join('\n')}\n`,
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = join(dir, 'mutations.json');
  const html = join(dir, 'html');
  const result = await runCli(
    ['mutate', '--env', 'e2e-docker', '--target', 'external', '--seed', '3', '--json', json, '--html', html],
    {
      ...cleanEnv(['GATEWAY_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS']),
      ESB_E2E_ROOT: root,
      GATEWAY_URL: url,
      VICTORIALOGS_URL: url,
      X_API_KEY: API_KEY,
      AUTH_USER: 'mutation-user',
      AUTH_PASS: PASSWORD,
      NO_COLOR: '1',
    },
  );
  // 1: MHT-003 fails without any mutation.
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const page = join(html, 'index.html');
  assert.match(result.stdout, new RegExp(`^HTML report: ${page.replace(/[.]/g, '\\.')}$`, 'm'));
  report = readMutationReport(readFileSync(json, 'utf8'), json);
  const text = readFileSync(page, 'utf8');
  for (const secret of [API_KEY, PASSWORD, TOKEN])
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)])
      assert.ok(!text.includes(form), `the page holds a secret (${form})`);
  assert.doesNotMatch(text, /https?:\/\/(?!www\.w3\.org)/, 'the page loads nothing from elsewhere');
  assert.ok(!text.includes('id="run-data"'), 'a page of mutations only');

  const { tab, errors } = await openPage(browser, page);
  assert.equal(await tab.locator('h1').textContent(), 'esb-e2e mutate');
  assert.match(
    (await tab.locator('[data-testid=mutation-summary]').textContent()) ?? '',
    /^e2e-docker: started \S+, seed 3, at most 30 mutations a case \(10 an answer\), 120 s of reruns a case$/,
  );
  const suite = report.suites[0];
  assert.ok(suite !== undefined && report.suites.length === 1);
  assert.equal(suite.cases, 3);
  assert.equal(suite.accepted, 0);
  assert.deepEqual(await suiteRow(tab, 'mutants'), [
    'e2e-docker',
    'mutants',
    '3',
    String(suite.tried),
    String(suite.killed),
    String(suite.survived),
    '0',
    `${suite.score}%`,
  ]);

  // The weak case: its survivor, by request, endpoint and answer, and change, marked as promised by its document.
  const weak = caseBox(tab, 'MHT-001 test_mutant_1');
  const weakResult = report.cases.find((c) => c.id === 'MHT-001');
  assert.ok(weakResult !== undefined);
  assert.match(
    (await weak.locator('[data-testid=mutation-counts]').textContent()) ?? '',
    new RegExp(
      `^${weakResult.tried} of ${weakResult.candidates} tried, ${weakResult.killed} killed, ${weakResult.survivors.length} survived.*, score \\d+%$`,
    ),
  );
  assert.match((await weak.locator('h4').textContent()) ?? '', /catalog\/mutants\/test_mutants\.yaml:\d+$/);
  const message = weak.locator('[data-testid=survivor]', {
    has: tab.locator('[data-testid=survivor-change]', { hasText: /^\$\.message: string changed$/ }),
  });
  assert.equal(await message.count(), 1, 'the wrong message survives the weak case');
  assert.equal(await message.locator('[data-testid=survivor-request]').textContent(), 'POST /api/echo');
  assert.match((await message.locator('td').nth(1).textContent()) ?? '', /^GATEWAY_URL answer \d+$/);
  assert.equal(await message.locator('[data-testid=promised]').count(), 1);
  assert.equal(
    await weak.locator('[data-testid=survivor]').count(),
    weakResult.survivors.length,
    'every survivor is listed',
  );

  // The fixed case kills the wrong message; the broken one was not mutated, and says why.
  const fixed = caseBox(tab, 'MHT-002 test_mutant_2');
  assert.equal(
    await fixed.locator('[data-testid=survivor-change]', { hasText: '$.message: string changed' }).count(),
    0,
  );
  const broken = caseBox(tab, 'MHT-003 test_mutant_3');
  assert.match(
    (await broken.locator('[data-testid=not-mutated]').textContent()) ?? '',
    /^Not mutated: without any mutation it failed: MHT-003 test_mutant_3: step \(request\) failed$/,
  );
  assert.equal(await broken.locator('[data-testid=survivor]').count(), 0);

  mkdirSync(join(REPO_ROOT, 'reports'), { recursive: true });
  await tab.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.deepEqual(errors, [], 'the page ran without a script or console error');
  await tab.close();
});

test('an accepted survivor shows its reason, and the gaps filter hides it', async () => {
  assert.ok(report !== undefined, 'the mutate run above wrote its report');
  const reason = 'the <b>status</b> says it already';
  const weak = report.cases.find((c) => c.id === 'MHT-001');
  assert.ok(weak !== undefined && weak.survivors.length >= 2, JSON.stringify(weak?.survivors));
  // The first survivor that is not the wrong message is accepted; the wrong message stays a gap.
  const acceptedIndex = weak.survivors.findIndex((s) => s.change !== '$.message: string changed');
  const cases = report.cases.map((c) =>
    c !== weak
      ? c
      : {
          ...c,
          survivors: c.survivors.map((s, i) => (i === acceptedIndex ? { ...s, accepted: reason } : s)),
        },
  );
  const total = cases.reduce((n, c) => n + c.survivors.length, 0);
  const page = join(dir, 'accepted', 'index.html');
  mkdirSync(join(dir, 'accepted'));
  writeFileSync(page, mutationHtmlReport([{ ...report, suites: suiteScores(cases), cases }]));

  const { tab, errors } = await openPage(browser, page);
  const row = await suiteRow(tab, 'mutants');
  assert.equal(row[6], '1', `accepted in ${row.join(' | ')}`);
  const survivors = tab.locator('[data-testid=survivor]');
  const accepted = tab.locator('[data-testid=survivor][data-accepted=yes]');
  assert.equal(await survivors.count(), total);
  assert.equal(await accepted.count(), 1);
  assert.equal(await accepted.locator('[data-testid=accepted-reason]').textContent(), `accepted: ${reason}`);
  assert.equal(
    await tab.locator('[data-testid=accepted-reason] b').count(),
    0,
    'the reason is text, not markup',
  );
  assert.equal(
    await tab.locator('[data-testid=mutation-shown-count]').textContent(),
    `${total} of ${total} survivors shown, in 3 of 3 cases`,
  );

  await tab.locator('[data-testid=mutation-filter]').selectOption('gaps');
  assert.equal(await survivors.count(), total - 1);
  assert.equal(await accepted.count(), 0, 'the gaps filter hides the accepted survivor');
  assert.equal(await tab.locator('[data-testid=accepted-reason]').count(), 0);
  const gapCases = cases.filter((c) => c.survivors.some((s) => s.accepted === undefined)).length;
  assert.equal(
    await tab.locator('[data-testid=mutation-shown-count]').textContent(),
    `${total - 1} of ${total} survivors shown, in ${gapCases} of 3 cases`,
  );
  assert.equal(await tab.locator('[data-testid=not-mutated]').count(), 0, 'a case not mutated has no gap');
  assert.equal(
    await caseBox(tab, 'MHT-001')
      .locator('[data-testid=survivor-change]', { hasText: '$.message: string changed' })
      .count(),
    1,
    'the wrong message is a gap',
  );

  await tab.locator('[data-testid=mutation-filter]').selectOption('all');
  assert.equal(await survivors.count(), total);
  assert.deepEqual(errors, [], 'the page ran without a script or console error');
  await tab.close();
});

test('mutate --html refuses a file where a folder goes, before any case runs', async () => {
  const file = join(dir, 'not-a-folder');
  writeFileSync(file, 'kept\n');
  const result = await runCli(['mutate', '--env', 'e2e-docker', '--target', 'external', '--html', file], {
    ...cleanEnv(['GATEWAY_URL']),
    ESB_E2E_ROOT: join(dir, 'project'),
    NO_COLOR: '1',
  });
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    `esb-e2e mutate: --html ${file} is a file; give a folder, e.g. --html ${file}-html (its index.html is written)\n`,
  );
  assert.equal(readFileSync(file, 'utf8'), 'kept\n');
});
