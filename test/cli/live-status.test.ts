import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LiveStatus } from '../../runner/cli/live-status.ts';
import { cleanEnv, runCommandIn } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

const CLEAR_LINE = '\r\u001b[2K';
const ESC = '\u001b';

describe('the live status line', () => {
  it('says per environment what is done, failed, elapsed and left, below the lines, cut to the width', async () => {
    let written = '';
    let now = 1_000_000;
    const live = new LiveStatus({
      write: (t) => (written += t),
      columns: () => 200,
      colour: false,
      now: () => now,
    });
    live.begin('alpha', 4);
    live.begin('beta', 10);
    await nextTurn();
    assert.equal(written, '[alpha] 0/4, 0.0s · [beta] 0/10, 0.0s');
    now += 2_000;
    live.caseEnded('alpha', 'passed');
    live.caseEnded('alpha', 'failed');
    live.print('[alpha] ✔ A-1 test_a 1.0s\n');
    live.print('[alpha] ✖ A-2 test_b 1.0s\n');
    await nextTurn();
    assert.equal(
      written.slice(written.indexOf(CLEAR_LINE)),
      `${CLEAR_LINE}[alpha] ✔ A-1 test_a 1.0s\n[alpha] ✖ A-2 test_b 1.0s\n[alpha] 2/4, 1 failed, 2.0s, ~2.0s left · [beta] 0/10, 2.0s`,
    );
    written = '';
    live.around(() => (written += 'STDERR\n'));
    assert.ok(written.startsWith(`${CLEAR_LINE}STDERR\n[alpha] 2/4`), JSON.stringify(written));
    written = '';
    const narrow = new LiveStatus({
      write: (t) => (written += t),
      columns: () => 30,
      colour: false,
      now: () => now,
    });
    narrow.begin('a-long-environment-name', 1000);
    await nextTurn();
    assert.equal([...written].length, 29);
    assert.ok(written.endsWith('…'));
    written = '';
    live.stop();
    assert.equal(written, CLEAR_LINE, 'the status line goes before the closing lines');
    narrow.stop();
  });

  it('paints the marks and the failures only with colours on', async () => {
    let written = '';
    const live = new LiveStatus({ write: (t) => (written += t), columns: () => 200, colour: true });
    assert.equal(live.colourMark('[a] ✔ X-1 t 0.1s'), `[a] ${ESC}[32m✔${ESC}[0m X-1 t 0.1s`);
    live.begin('a', 2);
    live.caseEnded('a', 'failed');
    await nextTurn();
    assert.match(written, new RegExp(`${ESC}\\[31m1 failed`));
    live.stop();
    const plain = new LiveStatus({ write: () => undefined, columns: () => 200, colour: false });
    assert.equal(plain.colourMark('[a] ✔ X-1 t 0.1s'), '[a] ✔ X-1 t 0.1s');
  });
});

describe('esb-e2e run on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-live-'));
  let server: Server;
  let root: string;
  before(async () => {
    server = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cases = [1, 2, 3].map((n) =>
      [
        `  - test: test_live_${n}`,
        `    id: LIV-00${n}`,
        `    anchor: desc-liv-${n}`,
        '    category: 機能系',
        '    doc: { guarantee: g, input: i, pass_criteria: p, failure_hint: h }',
        '    fixture: none',
        '    steps:',
        '      - request: { path: /api/live }',
        `        expect: { status: ${n === 3 ? 201 : 200} }`,
      ].join('\n'),
    );
    root = scratchProject(join(dir, 'project'), {
      env: 'e2e-docker',
      scenario: 'live',
      file: 'test_live.yaml',
      cases: `cases:\n${cases.join('\n')}\n`,
    });
  });
  after(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The CLI with a pseudo-terminal as its stdout (util-linux script), 120 columns wide. */
  function onTerminal(args: string[], env: Record<string, string>) {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const command = [
      process.execPath,
      join(REPO_ROOT, 'bin', 'esb-e2e.mjs'),
      'run',
      '--target',
      'external',
      '--env',
      'e2e-docker',
      ...args,
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    return runCommandIn(
      REPO_ROOT,
      'script',
      ['-qec', `stty cols 120; ${command}`, '/dev/null'],
      {
        ...cleanEnv(['GATEWAY_URL', 'NO_COLOR']),
        ESB_E2E_ROOT: root,
        GATEWAY_URL: url,
        VICTORIALOGS_URL: url,
        X_API_KEY: 'live-api-key',
        AUTH_USER: 'live',
        AUTH_PASS: 'live-password',
        ...env,
      },
      120_000,
    );
  }

  it('keeps a status line below the progress lines, in colour unless NO_COLOR', async () => {
    const coloured = await onTerminal([], {});
    assert.equal(coloured.status, 1, coloured.stdout + coloured.stderr);
    assert.match(coloured.stdout, /\[e2e-docker\] 3\/3, .*1 failed/);
    assert.ok(coloured.stdout.includes(CLEAR_LINE), 'the status line is drawn and cleared');
    assert.ok(coloured.stdout.includes(`${ESC}[32m✔${ESC}[0m LIV-00`), 'a passed mark in green');
    assert.match(coloured.stdout, /^e2e: 2 passed, 1 failed, 0 skipped\r?$/m);

    const plain = await onTerminal([], { NO_COLOR: '1' });
    assert.equal(plain.status, 1);
    assert.ok(plain.stdout.includes(CLEAR_LINE));
    assert.doesNotMatch(plain.stdout, new RegExp(`${ESC}\\[[0-9;]*m`), 'no colour with NO_COLOR');

    const off = await onTerminal(['--no-live'], {});
    assert.equal(off.status, 1);
    assert.ok(!off.stdout.includes(CLEAR_LINE), 'no status line with --no-live');
    assert.match(off.stdout, /^\[e2e-docker\] ✖ LIV-003 test_live_3 /m);
  });
});
