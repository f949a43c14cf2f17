import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import { reply, startServer, type TestServer } from './test-server.ts';

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

/** A VictoriaLogs stand-in whose n-th query answers `rounds(n)` as JSON lines (or a status). */
async function logs(rounds: (n: number) => unknown[] | number | 'close'): Promise<TestServer> {
  const server = await startServer((_req, res, n) => {
    const answer = rounds(n);
    if (answer === 'close') {
      res.socket?.destroy();
      return;
    }
    if (typeof answer === 'number') return reply(res, answer, 'unavailable');
    res.writeHead(200, { 'content-type': 'application/stream+json' });
    res.end(answer.map((item) => JSON.stringify(item)).join('\n'));
  });
  servers.push(server);
  return server;
}

const run = async (vl: TestServer, steps: string) =>
  runYaml(
    project,
    undefined,
    `
cases:
  - test: test_poll
    id: TST-100
    fixture: none
    steps:
${steps}
`,
    { env: { VICTORIALOGS_URL: vl.url } },
  );

test('poll repeats the request until `until` holds, then checks expect on that round', async () => {
  const vl = await logs((n) => (n < 3 ? [] : [{ _msg: `hit-${n}` }]));
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /select/logsql/query }
        poll: { attempts: 10, interval: 0.05, until: { assert: [ { path: '$[*]', count: { gte: 1 } } ] } }
        expect: { status: 200, assert: [ { path: '$[0]._msg', equals: hit-3 } ] }`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(vl.requests.length, 3);
});

test('without `until` the step expect is the poll condition', async () => {
  const vl = await logs((n) => (n < 2 ? 503 : [{ _msg: 'ok' }]));
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll: { attempts: 5, interval: 0.01 }
        expect: { status: 200 }`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(vl.requests.length, 2);
});

test('accumulate: conditions and expect see every round’s items concatenated', async () => {
  const vl = await logs((n) => [
    { component: ['gateway', 'lambda-integration', 'lambda-echo'][n - 1] ?? 'other' },
  ]);
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll:
          attempts: 10
          interval: 0.01
          accumulate: true
          until: { assert: [ { path: '$[*].component', includes_all: [gateway, lambda-integration, lambda-echo] } ] }
        expect: { assert: [ { path: $, length: 3 } ] }`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(vl.requests.length, 3);
});

test('without accumulate only the last round counts', async () => {
  const vl = await logs((n) => [{ component: `c${n}` }]);
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll: { attempts: 3, interval: 0.01, until: { assert: [ { path: '$[*].component', includes_all: [c1, c2] } ] } }`,
  );
  assert.equal(result.status, 'failed');
  assert.match(
    why(result),
    /poll gave up after 3 round\(s\) in [\d.]+ s \(limit 3 rounds\); in the last round:/,
  );
});

test('require_each: a round that breaks it fails the step at once', async () => {
  const vl = await logs((n) => (n === 2 ? 500 : []));
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll:
          attempts: 10
          interval: 0.01
          require_each: { status: 200 }
          until: { assert: [ { path: '$[*]', count: { gte: 1 } } ] }`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /round 2 broke poll\.require_each:/);
  assert.match(why(result), /expected status 200, got 500/);
  assert.equal(vl.requests.length, 2);
});

test('timeout: the poll ends at the wall-time limit and names the condition that did not hold', async () => {
  const vl = await logs(() => []);
  const started = performance.now();
  const result = await run(
    vl,
    `      - name: wait for logs
        request: { target: victorialogs, path: /q }
        poll: { timeout: 0.4, interval: 0.1, until: { assert: [ { path: '$[*]', count: { gte: 1 } } ] } }`,
  );
  const elapsed = performance.now() - started;
  assert.equal(result.status, 'failed');
  // Ends at the 0.4 s limit; the upper bound only has to tell that from "never ends", with room for a slow machine.
  assert.ok(elapsed >= 380 && elapsed < 15_000, `${elapsed} ms`);
  // Rounds every 0.1 s within 0.4 s: at most 6 with the round in flight at the limit; a loaded machine, whose
  // requests take longer, makes fewer (seen: fewer than 3 with two CPU-bound processes beside the suite).
  assert.ok(vl.requests.length >= 1 && vl.requests.length <= 6, `${vl.requests.length} rounds`);
  assert.match(why(result), /limit 0\.4 s/);
  assert.match(why(result), /:9:53: poll gave up after \d round\(s\) in [\d.]+ s \(limit 0\.4 s\)/);
  assert.match(why(result), /:9:88: \$\[\*\]: expected count >= 1, got 0/);
});

test('a transport error counts as a round that did not hold', async () => {
  const vl = await logs((n) => (n === 1 ? 'close' : [{ ok: true }]));
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll: { attempts: 3, interval: 0.01, until: { assert: [ { path: '$[*]', count: 1 } ] } }`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(vl.requests.length, 2);
});

test('errors: fail ends the poll at the first transport error', async () => {
  const vl = await logs((n) => (n === 1 ? 'close' : [{ ok: true }]));
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll: { attempts: 3, interval: 0.01, errors: fail, until: { assert: [ { path: '$[*]', count: 1 } ] } }`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /TransportError/);
  assert.equal(vl.requests.length, 1);
});

test('on_limit: continue lets the case go on when the limit is reached; expect then reads the last round', async () => {
  const vl = await logs(() => 503);
  const goesOn = await run(
    vl,
    `      - request: { target: victorialogs, path: /health }
        poll: { attempts: 3, interval: 0.01, until: { status: 200 }, on_limit: continue }
      - assert: [ { value: after, equals: after } ]`,
  );
  assert.equal(goesOn.status, 'passed', why(goesOn));
  assert.equal(vl.requests.length, 3);
  const checked = await run(
    vl,
    `      - request: { target: victorialogs, path: /health }
        poll: { attempts: 2, interval: 0.01, until: { status: 200 }, on_limit: continue }
        expect: { status: 204 }`,
  );
  assert.equal(checked.status, 'failed');
  assert.match(why(checked), /expected status 204, got 503/);
});

test('every round failing on transport names the transport error', async () => {
  const vl = await logs(() => 'close');
  const result = await run(
    vl,
    `      - request: { target: victorialogs, path: /q }
        poll: { attempts: 2, interval: 0.01 }`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /TransportError/);
});

test('poll with retry: each round is the action with retry', async () => {
  const gw = await startGateway({
    '/x': (_req, res, n) => reply(res, n % 2 === 1 ? 503 : 200, { n }),
  });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_poll_retry
    id: TST-101
    steps:
      - request: { path: /x }
        retry: { attempts: 2, interval: 0.01 }
        poll: { attempts: 5, interval: 0.01, until: { assert: [ { path: $.n, gte: 4 } ] } }
`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(gw.requests.filter((r) => r.url === '/x').length, 4);
});
