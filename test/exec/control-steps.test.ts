import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { HookDefinition } from '../../hooks/hook-types.ts';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import { reply, type TestServer } from './test-server.ts';

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});
const gateway = async (routes: Parameters<typeof startGateway>[0] = {}) => {
  const gw = await startGateway(routes);
  servers.push(gw);
  return gw;
};

const oneCase = (body: string, head = '') => `
cases:
  - test: test_control
    id: TST-200
${head}    steps:
${body}
`;

test('sleep waits the rendered number of seconds', async () => {
  const started = performance.now();
  const result = await runYaml(
    project,
    undefined,
    oneCase(`      - sleep: '\${vars.wait / 100}'`, `    fixture: none\n    vars: { wait: 30 }\n`),
  );
  const elapsed = performance.now() - started;
  assert.equal(result.status, 'passed', why(result));
  // 0.3 s rendered; 30 s would mean the expression was not applied. The upper bound leaves a loaded machine
  // room for loading and running the case around the sleep (2.7 s in all was seen with two CPU burners).
  assert.ok(elapsed >= 290 && elapsed < 15_000, `${elapsed} ms`);
});

test('parallel: count copies start at once, each with its index', async () => {
  // Copies side by side are all in flight at once: counted at the server, not read off the wall clock.
  let inFlight = 0;
  let mostInFlight = 0;
  const gw = await gateway({
    '/api/echo': (req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        reply(res, 200, JSON.parse(req.body));
      }, 500);
    },
  });
  const result = await runYaml(
    project,
    gw,
    oneCase(`      - parallel:
          count: 5
          steps:
            - request: { path: /api/echo, json: { message: 'stress-\${index}' } }
              expect: { status: 200, assert: [ { path: $.message, equals: 'stress-\${index}' } ] }`),
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(mostInFlight, 5, 'the copies ran side by side');
  const messages = gw.requests.filter((r) => r.url === '/api/echo').map((r) => JSON.parse(r.body).message);
  assert.deepEqual(messages.sort(), ['stress-0', 'stress-1', 'stress-2', 'stress-3', 'stress-4']);
});

test('parallel: every copy finishes, then the first failure is reported with how many failed', async () => {
  const gw = await gateway({
    '/api/echo': (req, res) => {
      const { i } = JSON.parse(req.body);
      setTimeout(() => reply(res, i === 3 || i === 1 ? 500 : 200, { i }), 20 * i);
    },
  });
  const result = await runYaml(
    project,
    gw,
    oneCase(`      - parallel:
          count: 5
          steps:
            - request: { path: /api/echo, json: { i: '\${index}' } }
              expect: { status: 200 }`),
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /in: parallel copy index=1; 2 of 5 failed/);
  assert.equal(gw.requests.filter((r) => r.url === '/api/echo').length, 5);
});

test('parallel without count runs the different listed steps side by side', async () => {
  // Listed sleep first: one after the other, the request would come after the 3 s sleep, just before the case
  // ends. Side by side it comes at once, nearly the whole sleep before the end; half of it leaves a loaded
  // machine 1.5 s to send it.
  let requestAt = 0;
  const gw = await gateway({
    '/mark': (_req, res) => {
      requestAt = performance.now();
      reply(res, 200, {});
    },
  });
  const result = await runYaml(
    project,
    gw,
    oneCase(`      - parallel:
          steps:
            - sleep: 3
            - request: { path: /mark }`),
  );
  const endedAt = performance.now();
  assert.equal(result.status, 'passed', why(result));
  assert.ok(requestAt > 0, 'the request was sent');
  assert.ok(
    endedAt - requestAt >= 1500,
    `side by side: the request came ${endedAt - requestAt} ms before the end`,
  );
});

test('loop: rounds run in sequence with their index; count may be an expression; captures carry over', async () => {
  const gw = await gateway();
  const result = await runYaml(
    project,
    gw,
    oneCase(
      `      - loop:
          count: '\${ceil(vars.total / vars.interval)}'
          steps:
            - request: { path: '/round/\${index}' }
              expect: { assert: [ { path: $.url, equals: '/round/\${index}' } ] }
              capture: { last: $.url }
      - assert: [ { value: '\${vars.last}', equals: /round/2 } ]`,
      `    vars: { total: 25, interval: 10 }\n`,
    ),
  );
  assert.equal(result.status, 'passed', why(result));
  const rounds = gw.requests.filter((r) => r.url.startsWith('/round/'));
  assert.deepEqual(
    rounds.map((r) => r.url),
    ['/round/0', '/round/1', '/round/2'],
  );
  assert.ok((rounds[1]?.at ?? 0) >= (rounds[0]?.at ?? 0));
});

test('loop: a failing round ends the loop and is named', async () => {
  const gw = await gateway({ '/round/1': (_req, res) => reply(res, 503, {}) });
  const result = await runYaml(
    project,
    gw,
    oneCase(`      - loop:
          count: 4
          steps:
            - request: { path: '/round/\${index}' }
              expect: { status: 200 }`),
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /in: loop round index=1 of 4/);
  assert.equal(gw.requests.filter((r) => r.url.startsWith('/round/')).length, 2);
});

test('assert step: value assertions; a failure points at the operator with a caret', async () => {
  const gw = await gateway();
  const passing = await runYaml(
    project,
    gw,
    oneCase(`      - assert:
          - { value: '\${auth.token}', length: { gt: 10 } }
          - { value: '\${settings.idle_timeout_seconds}', equals: 300 }`),
  );
  assert.equal(passing.status, 'passed', why(passing));
  const failing = await runYaml(
    project,
    gw,
    oneCase(`      - name: check the token
        assert:
          - { value: '\${auth.token}', equals: something-else }`),
  );
  assert.equal(failing.status, 'failed');
  const text = why(failing);
  assert.match(text, /step "check the token" \(assert\) failed/);
  assert.match(text, /:8:47: value "\$\{auth.token\}": expected "something-else", got "\*\*\*"/);
  assert.doesNotMatch(text, /TOKEN-SECRET/);
});

test('when: a falsy condition skips the step, a truthy one runs it; bare expressions work too', async () => {
  const gw = await gateway();
  const result = await runYaml(
    project,
    gw,
    oneCase(
      `      - when: '\${matrix.runtime == "java"}'
        request: { path: /skipped-1 }
      - when: vars.flag && settings.verify_ssl
        request: { path: /skipped-2 }
      - when: '\${vars.flag}'
        request: { path: /ran }`,
      `    params: { runtime: python }\n    vars: { flag: true }\n`,
    ),
  );
  assert.equal(result.status, 'passed', why(result));
  assert.deepEqual(
    gw.requests.filter((r) => !['/health', '/user/auth/v1'].includes(r.url)).map((r) => r.url),
    ['/ran'],
  );
});

test('a template error names itself and points at the step', async () => {
  const result = await runYaml(
    project,
    undefined,
    oneCase(`      - sleep: '\${vars.missing}'`, '    fixture: none\n'),
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /vars\.missing/);
  assert.match(why(result), /:7:9: the failing step \(sleep\)/);
});

function documentHook(
  name: string,
  scope: HookDefinition['scope'],
  run: HookDefinition['run'],
): HookDefinition {
  return {
    name,
    scope,
    description: 'test hook',
    withSchema: { type: 'object' },
    exampleWith: {},
    timeoutSeconds: 5,
    run,
  };
}

test('hook step: rendered with, expect and capture read the returned document; retry repeats a failing hook', async () => {
  const calls: unknown[] = [];
  const hooks = {
    inspect_thing: documentHook('inspect_thing', 'read-only', async (args) => {
      calls.push(args);
      if (calls.length < 2) throw new Error('container not found');
      return { State: { Status: 'running' }, RestartCount: 2, echo: args };
    }),
  };
  const result = await runYaml(
    project,
    undefined,
    oneCase(
      `      - hook: inspect_thing
        with: { service: '\${vars.service}' }
        retry: { attempts: 3, interval: 0.01 }
        expect: { assert: [ { path: $.State.Status, equals: running } ] }
        capture: { restarts: $.RestartCount }
      - assert: [ { value: '\${vars.restarts}', equals: 2 } ]`,
      `    fixture: none\n    vars: { service: gateway }\n`,
    ),
    { hooks },
  );
  assert.equal(result.status, 'passed', why(result));
  assert.deepEqual(calls, [{ service: 'gateway' }, { service: 'gateway' }]);
});

test('hook step polled until its document holds; a failing hook shows its arguments and error', async () => {
  let n = 0;
  const hooks = {
    count_up: documentHook('count_up', 'read-only', async () => ({ n: ++n })),
    broken: documentHook('broken', 'read-only', async () => {
      throw new Error('docker is not reachable');
    }),
  };
  const polled = await runYaml(
    project,
    undefined,
    oneCase(
      `      - hook: count_up
        poll: { attempts: 5, interval: 0.01, until: { assert: [ { path: $.n, gte: 3 } ] } }`,
      '    fixture: none\n',
    ),
    { hooks },
  );
  assert.equal(polled.status, 'passed', why(polled));
  assert.equal(n, 3);
  const broken = await runYaml(
    project,
    undefined,
    oneCase(`      - hook: broken\n        with: { service: agent }`, '    fixture: none\n'),
    { hooks },
  );
  assert.equal(broken.status, 'failed');
  assert.match(why(broken), /hook: broken with \{"service":"agent"\}/);
  assert.match(why(broken), /Error: docker is not reachable/);
});
