import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { HookDefinition } from '../../hooks/hook-types.ts';
import type { StepSpec } from '../../language/model/steps.ts';
import {
  caseDeadline,
  DEADLINE_FACTOR,
  DEADLINE_MARGIN_SECONDS,
  stepBound,
} from '../../runner/exec/case-deadline.ts';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import type { TestServer } from './test-server.ts';

// A platform that hangs cannot stall a case: every case has a deadline (its `timeout:`, or one derived from its
// steps' own numbers), and a hook has a bound of its own. When one passes, the case fails naming the step that
// was still waiting and what it waited for.

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

const oneCase = (head: string, body: string) => `
cases:
  - test: test_deadline
    id: TST-300
    fixture: none
${head}    steps:
${body}
`;

test('a case past its timeout fails at the step still waiting, naming what it waited for, and stops waiting', async () => {
  // /hang never answers; the request has no timeout of its own.
  const gw = await startGateway({ '/api/hang': () => undefined });
  servers.push(gw);
  const started = performance.now();
  // 3 s: the quick step (a fresh TLS connection) has taken over 1 s on a loaded machine.
  const result = await runYaml(
    project,
    gw,
    oneCase(
      '    timeout: 3\n',
      `      - name: quick
        request: { path: /api/echo, auth: none }
      - name: hangs
        request: { method: POST, path: /api/hang, auth: none, timeout: none }`,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  assert.equal(result.status, 'failed', why(result));
  assert.ok(seconds < 8, `the case took ${seconds.toFixed(1)} s`);
  assert.match(
    why(result),
    /the case's deadline of 3 s \(its timeout\) passed during step "hangs" \(request\), waiting for the answer to POST https:\/\/127\.0\.0\.1:\d+\/api\/hang/,
  );
  // At the step's own line, with the caret.
  assert.match(why(result), /catalog\/t\w+\.yaml:10:9\n/);
});

test('a derived deadline says how to change it; sleeps and polls are cut by it too', async () => {
  // A sleep of 0.2 s gives a derived deadline of 0.2 * 2 + 30 s; a poll of an expectation that never holds,
  // with a templated timeout, is cut by a declared one instead.
  assert.equal(
    caseDeadline({ timeout: undefined, steps: [{ sleep: 0.2 }] }).seconds,
    Math.ceil(0.2 * DEADLINE_FACTOR + DEADLINE_MARGIN_SECONDS),
  );
  const gw = await startGateway();
  servers.push(gw);
  const started = performance.now();
  const result = await runYaml(
    project,
    gw,
    oneCase(
      '    timeout: 0.5\n    vars: { long: 60 }\n',
      `      - name: never holds
        request: { path: /api/echo, auth: none }
        poll: { timeout: '\${vars.long}', interval: 0.05, until: { status: 299 } }`,
    ),
  );
  assert.equal(result.status, 'failed', why(result));
  assert.ok((performance.now() - started) / 1000 < 5);
  assert.match(
    why(result),
    /the case's deadline of 0\.5 s \(its timeout\) passed during step "never holds" \(request\)/,
  );
});

test('a hook that hangs fails its attempt after its own timeout, even if it ignores its signal', async () => {
  const deaf: HookDefinition = {
    name: 'deaf_hook',
    scope: 'read-only',
    description: 'never returns and ignores its signal',
    withSchema: { type: 'object' },
    exampleWith: {},
    timeoutSeconds: 0.2,
    run: () => new Promise(() => undefined),
  };
  const started = performance.now();
  const result = await runYaml(
    project,
    undefined,
    oneCase(
      '',
      `      - name: hangs\n        hook: deaf_hook\n        retry: { attempts: 2, interval: 0.01 }`,
    ),
    { hooks: { deaf_hook: deaf } },
  );
  const seconds = (performance.now() - started) / 1000;
  assert.equal(result.status, 'failed', why(result));
  assert.ok(seconds >= 0.4 && seconds < 5, `two attempts of 0.2 s took ${seconds.toFixed(2)} s`);
  assert.match(
    why(result),
    /hook deaf_hook did not finish within 0\.2 s \(its timeout, hooks\/hook-table\.ts\)/,
  );
});

test("the derived deadline adds up every step's own numbers", () => {
  const steps: StepSpec[] = [
    // 30 s default request timeout
    { request: { path: '/a' } },
    // 3 attempts of 5 s with 2 s (the default interval) between
    { request: { path: '/b', timeout: 5 }, retry: { attempts: 3 } },
    // poll: 45 s timeout, plus the round in flight and one interval
    { request: { path: '/c', timeout: 2 }, poll: { timeout: 45, interval: 1 } },
    // poll by attempts: 4 rounds of (10 s + 0.5 s)
    { request: { path: '/d', timeout: 10 }, poll: { attempts: 4, interval: 0.5 } },
    // loop of 3 rounds of a 1 s sleep; parallel copies count once
    { loop: { count: 3, steps: [{ sleep: 1 }] } },
    { parallel: { count: 5, steps: [{ request: { path: '/e', timeout: 4 } }] } },
    // a templated sleep counts 60 s; an assert nothing
    { sleep: '${vars.wait}' },
    { assert: [{ value: 1, equals: 1 }] },
  ];
  const own = [30, 3 * 5 + 2 * 2, 45 + 1 + 2, 4 * 10.5, 3, 4, 60, 0];
  assert.deepEqual(
    steps.map((s) => stepBound(s)),
    own,
  );
  const sum = own.reduce((a, b) => a + b, 0);
  assert.deepEqual(caseDeadline({ timeout: undefined, steps }), {
    seconds: Math.ceil(sum * DEADLINE_FACTOR + DEADLINE_MARGIN_SECONDS),
    declared: false,
  });
  assert.deepEqual(caseDeadline({ timeout: 12, steps }), { seconds: 12, declared: true });
});
