import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { escapeControls } from '../../language/text/control-characters.ts';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import type { TestServer } from './test-server.ts';

// What a hostile server sends reaches the failure text, the skip reason and every report built from them: it
// must not act on a terminal (move the cursor, set the window title, clear the screen, overwrite with CR or
// BS, reorder with bidi overrides) nor start a line of its own that looks like the runner's.

const HOSTILE =
  'ok\u001b]0;pwned\u0007\u001b[2J\u001b[1;1H\r\u0008\u0000 done\n✔ SMK-999 forged line\u009b31m\u202egnp.exe\u007f';
/** What may stand in the text: tabs and the runner's own newlines, no other control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

/** A JSON body whose message is HOSTILE, followed by HOSTILE raw (so the text also breaks the JSON). */
function hostile(status: number, json = true) {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain' });
    res.end(json ? JSON.stringify({ message: HOSTILE }) : HOSTILE);
  };
}

function assertInert(text: string): void {
  assert.doesNotMatch(text, RAW_CONTROL, JSON.stringify(text));
  for (const line of text.split('\n'))
    assert.doesNotMatch(line, /^\s*✔/, `a forged line: ${JSON.stringify(line)}`);
}

test('escapeControls makes every terminal control visible and keeps text and tabs as they are', () => {
  assert.equal(escapeControls('a\tb'), 'a\tb');
  assert.equal(escapeControls('日本語 ✔'), '日本語 ✔');
  assert.equal(escapeControls('\u001b[2J\r\n\u0000\u009b\u202e'), '\\x1b[2J\\r\\n\\x00\\x9b\\u202e');
  assert.equal(escapeControls('one\ntwo\u001b', { keepNewlines: true }), 'one\ntwo\\x1b');
});

test('a failing step quotes a hostile body and value with their controls escaped', async () => {
  const gw = await startGateway({ '/api/echo': hostile(200), '/api/text': hostile(200, false) });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_hostile_body
    id: TTY-001
    steps:
      - request: { path: /api/echo }
        expect:
          assert: [{ path: $.message, equals: fine }]
`,
  );
  assert.equal(result.status, 'failed');
  const failure = why(result);
  assertInert(failure);
  assert.match(failure, /\$\.message: expected "fine", got "ok\\u001b\]0;pwned/);
  assert.match(failure, /forged line\\x9b31m\\u202egnp/);

  const text = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_hostile_text
    id: TTY-003
    steps:
      - request: { path: /api/text }
        expect: { status: 201 }
`,
  );
  assertInert(why(text));
  assert.match(why(text), /body: ok\\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[1;1H\\r\\x08\\x00 done\\n✔ SMK-999/);
  assert.match(why(text), /expected status 201, got 200 \(body: ok\\x1b\]0;pwned/);
});

test('a hostile /health body in the skip reason is escaped too', async () => {
  const gw = await startGateway({ '/health': hostile(503) });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_hostile_health
    id: TTY-002
    fixture: health
    steps:
      - sleep: 0
`,
    { health: { attempts: 1, sleepAfterTransportErrorSeconds: 0, timeoutSeconds: 5 } },
  );
  assert.equal(result.status, 'skipped');
  assertInert(why(result));
  assert.match(why(result), /gateway not healthy: .*answered 503 .*pwned\\u0007\\u001b\[2J.*\\x9b31m/);
});
