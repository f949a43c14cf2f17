import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { cleanEnv, runCli } from '../helpers/child-run.ts';
import { launchChromium, openPage } from '../helpers/headless-chromium.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// The HTML report of a real run against a loopback server, opened from disk in Debian's Chromium (headless): one
// row per case, a timeline bar per case, the failed case's request and response, the filters, and no secret
// anywhere in the page. A screenshot is kept in reports/ (CI's artefacts).

const SCREENSHOT = join(REPO_ROOT, 'reports', 'html-report.png');
const API_KEY = 'html-api-key-5c1e9a';
const PASSWORD = 'html-password-7d2b4f';
const TOKEN = 'html-token-93ab17ce55';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-html-report-'));
let server: Server;
let browser: Browser | undefined;

const caseYaml = (id: string, n: number, fixture: string, path: string, status: number) =>
  [
    `  - test: test_page_${n}`,
    `    id: ${id}`,
    `    anchor: desc-${id.toLowerCase()}`,
    '    category: 機能系',
    '    doc: { guarantee: g, input: i, pass_criteria: p, failure_hint: h }',
    `    fixture: ${fixture}`,
    '    steps:',
    `      - name: call ${n}`,
    `        request: { path: ${path}, json: { message: hello-${n} } }`,
    '        expect:',
    `          status: ${status}`,
    '          assert:',
    `            - { path: $.message, equals: "Echo: hello-${n}" }`,
  ].join('\n');

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.url === '/user/auth/v1') return json(200, { AuthenticationResult: { IdToken: TOKEN } });
      const message = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { message?: string }).message;
      // The broken route answers 502 and, as a careless server would, echoes the caller's credentials.
      if (request.url === '/api/broken')
        return json(502, { message: `Echo: ${message}`, seen: request.headers.authorization ?? '' });
      return json(200, { message: `Echo: ${message}`, user: 'page' });
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

test('the HTML report opens from disk and shows every case, a timeline, the failed exchange, and filters', async () => {
  const cases = [
    caseYaml('HTM-001', 1, 'auth', '/api/echo', 200),
    caseYaml('HTM-002', 2, 'none', '/api/echo', 200),
    caseYaml('HTM-003', 3, 'auth', '/api/broken', 200),
    caseYaml('HTM-004', 4, 'none', '/api/echo', 200),
  ];
  const root = scratchProject(join(dir, 'project'), {
    env: 'e2e-docker',
    scenario: 'pages',
    file: 'test_pages.yaml',
    cases: `cases:\n${cases.join('\n')}\n`,
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const html = join(dir, 'html');
  const result = await runCli(
    ['run', '--target', 'external', '--env', 'e2e-docker', '--concurrency', '2', '--html', html],
    {
      ...cleanEnv(['GATEWAY_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS']),
      ESB_E2E_ROOT: root,
      GATEWAY_URL: url,
      VICTORIALOGS_URL: url,
      X_API_KEY: API_KEY,
      AUTH_USER: 'page-user',
      AUTH_PASS: PASSWORD,
      NO_COLOR: '1',
    },
  );
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const page = join(html, 'index.html');
  assert.match(result.stdout, new RegExp(`^HTML report: ${page.replace(/[.]/g, '\\.')}$`, 'm'));
  const text = readFileSync(page, 'utf8');
  for (const secret of [API_KEY, PASSWORD, TOKEN])
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)])
      assert.ok(!text.includes(form), `the page holds a secret (${form})`);
  assert.doesNotMatch(
    text,
    /https?:\/\/(?!127\.0\.0\.1|www\.w3\.org)/,
    'the page loads nothing from elsewhere',
  );

  const { tab, errors } = await openPage(browser, page);
  const rows = tab.locator('[data-testid=case-row]');
  assert.equal(await rows.count(), 4, 'one row per case');
  assert.equal(await tab.locator('[data-testid=timeline-bar]').count(), 4, 'one timeline bar per case');
  assert.match(
    (await tab.locator('[data-testid=run-summary]').textContent()) ?? '',
    /3 passed, 1 failed, 0 skipped/,
  );
  assert.match(
    (await tab.locator('[data-testid=suite-table]').textContent()) ?? '',
    /e2e-docker.*pages.*3.*1.*0/,
  );

  // The failed case, opened: its failure, its request (token hidden) and the 502 response.
  await tab.locator('[data-testid=case-row][data-status=failed]').click();
  const detail = tab.locator('[data-testid=case-detail]');
  assert.match(
    (await detail.locator('[data-testid=failure]').textContent()) ?? '',
    /expected status 200, got 502/,
  );
  const request = (await detail.locator('[data-testid=request]').textContent()) ?? '';
  assert.match(request, new RegExp(`^POST ${url}/api/broken`));
  assert.match(request, /authorization: \*\*\*/i);
  assert.match(request, /"message":"hello-3"/);
  const response = (await detail.locator('[data-testid=response]').textContent()) ?? '';
  assert.match(response, /^502/);
  assert.match(response, /"seen":"Bearer \*\*\*"/);
  assert.match((await detail.locator('[data-testid=checks]').textContent()) ?? '', /✖ line \d+: status 200/);

  mkdirSync(join(REPO_ROOT, 'reports'), { recursive: true });
  await tab.screenshot({ path: SCREENSHOT, fullPage: true });

  // Filters: by text (an ID), by status, and back.
  await tab.locator('[data-testid=filter-text]').fill('HTM-002');
  assert.equal(await rows.count(), 1);
  assert.match((await rows.first().textContent()) ?? '', /HTM-002 test_page_2/);
  assert.equal(
    await tab.locator('[data-testid=timeline-bar]').count(),
    1,
    'the timeline follows the filters',
  );
  await tab.locator('[data-testid=filter-text]').fill('');
  await tab.locator('[data-testid=filter-status]').selectOption('failed');
  assert.equal(await rows.count(), 1);
  assert.match((await rows.first().textContent()) ?? '', /HTM-003/);
  await tab.locator('[data-testid=filter-status]').selectOption('passed');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(errors, [], 'the page ran without a script error');
  writeFileSync(join(dir, 'done'), '');
});
