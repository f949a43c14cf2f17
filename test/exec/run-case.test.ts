import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { HookDefinition } from '../../hooks/hook-types.ts';
import { runCase } from '../../runner/exec/run-case.ts';
import { Project, runYaml, SECRETS, startGateway, TOKEN, why } from './exec-harness.ts';
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
const apiCalls = (gw: TestServer) => gw.requests.filter((r) => r.url.startsWith('/api/'));

test('skip_if: the first condition that holds skips the case with its reason, before any request', async () => {
  const gw = await gateway();
  const yaml = `
cases:
  - test: test_scale_to_zero
    id: ASC-005
    skip_if:
      - when: '\${settings.idle_timeout_seconds > 120}'
        reason: idle timeout above 120 s
    steps:
      - request: { path: /api/x }
`;
  const skipped = await runYaml(project, gw, yaml);
  assert.equal(skipped.status, 'skipped');
  assert.equal(skipped.reason, 'idle timeout above 120 s');
  assert.equal(gw.requests.length, 0);
  const ran = await runYaml(project, gw, yaml, { env: { GATEWAY_IDLE_TIMEOUT_SECONDS: '15' } });
  assert.equal(ran.status, 'passed', why(ran));
  assert.equal(apiCalls(gw).length, 1);
});

test('skip_if that cannot be evaluated fails the case at its place', async () => {
  const result = await runYaml(
    project,
    undefined,
    `
cases:
  - test: test_bad_skip
    id: TST-300
    skip_if:
      - { when: '\${env.NOT_SET_ANYWHERE > 1}', reason: never }
    steps:
      - sleep: 0
`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /skip_if could not be evaluated/);
  assert.match(why(result), /\ncatalog\/t\w+\.yaml:6:17\n/);
});

function hook(name: string, scope: HookDefinition['scope']): HookDefinition {
  return {
    name,
    scope,
    description: 'test',
    withSchema: {},
    exampleWith: {},
    timeoutSeconds: 5,
    run: async () => ({ ok: true }),
  };
}

test('a control-plane hook runs only when its scope is allowed; otherwise the case is skipped naming --allow', async () => {
  const hooks = {
    restart_service: hook('restart_service', 'control-plane'),
    inspect: hook('inspect', 'read-only'),
  };
  const yaml = `
cases:
  - test: test_restart
    id: RST-001
    fixture: none
    steps:
      - hook: inspect
      - loop: { count: 1, steps: [ { hook: restart_service, with: { service: gateway } } ] }
`;
  const skipped = await runYaml(project, undefined, yaml, { hooks });
  assert.equal(skipped.status, 'skipped');
  assert.match(skipped.reason ?? '', /restart_service of scope control-plane.*--allow control-plane/);
  const allowed = await runYaml(project, undefined, yaml, { hooks, allow: ['control-plane'] });
  assert.equal(allowed.status, 'passed', why(allowed));
  const readOnly = await runYaml(project, undefined, yaml.replace(/ {6}- loop.*\n/, ''), { hooks });
  assert.equal(readOnly.status, 'passed', why(readOnly));
});

test('fixture health: a gateway that never answers 200 skips the case', async () => {
  const gw = await gateway({ '/health': (_req, res) => reply(res, 503, { status: 'starting' }) });
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_health
    id: TST-301
    fixture: health
    steps:
      - request: { path: /api/x, auth: none }
`,
    { health: { attempts: 3, sleepAfterTransportErrorSeconds: 0, timeoutSeconds: 5 } },
  );
  assert.equal(result.status, 'skipped');
  assert.match(
    result.reason ?? '',
    /gateway not healthy: 3 GET https:\/\/127\.0\.0\.1:\d+\/health got no 200/,
  );
  assert.equal(apiCalls(gw).length, 0);
});

test('fixture auth: a failed login fails the case, naming the status, with no secret in the text', async () => {
  const gw = await gateway({
    '/user/auth/v1': (req, res) =>
      reply(res, 401, { message: 'Unauthorized', key: req.headers['x-api-key'] }),
  });
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_login
    id: TST-302
    steps:
      - request: { path: /api/x }
`,
  );
  assert.equal(result.status, 'failed');
  const text = why(result);
  assert.match(
    text,
    /^TST-302 test_login: login failed: POST https:\/\/127\.0\.0\.1:\d+\/user\/auth\/v1 answered 401/,
  );
  assert.match(text, /\ncatalog\/t\w+\.yaml:3:5\n/);
  assert.ok(!text.includes(SECRETS.X_API_KEY), text);
  assert.equal(apiCalls(gw).length, 0);
});

test('fixture auth: the cases of one file share one login; fixture none calls nothing', async () => {
  const gw = await gateway();
  const cases = project.cases(
    'shared_login',
    `
cases:
${[1, 2, 3, 4]
  .map(
    (i) => `  - test: test_${i}
    id: TST-31${i}
    steps:
      - request: { path: /api/${i} }
        expect: { assert: [ { path: $.authorization, equals: 'Bearer \${auth.token}' } ] }
`,
  )
  .join('')}  - test: test_none
    id: TST-319
    fixture: none
    steps:
      - sleep: 0
`,
  );
  const ctx = project.context(gw);
  const results = await Promise.all(cases.map((c) => runCase(c, ctx)));
  for (const r of results) assert.equal(r.status, 'passed', why(r));
  assert.equal(gw.requests.filter((r) => r.url === '/user/auth/v1').length, 1);
  assert.equal(gw.requests.filter((r) => r.url === '/health').length, 1);
  assert.equal(apiCalls(gw).length, 4);
  assert.ok(results.every((r) => r.durationMs >= 0));
});

test('vars are rendered once, in order, each seeing the earlier ones; random values stay the same across steps', async () => {
  const gw = await gateway();
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_vars
    id: TST-320
    vars:
      key: 'object-\${random.hex(8)}.txt'
      path: '/api/s3/\${vars.key}'
      n: '\${1 + 2}'
    steps:
      - request: { path: '\${vars.path}' }
        expect: { assert: [ { path: $.url, equals: '/api/s3/\${vars.key}' } ] }
      - request: { path: '\${vars.path}' }
      - assert:
          - { value: '\${vars.key}', matches: '^object-[0-9a-f]{8}\\.txt$' }
          - { value: '\${vars.n}', equals: 3 }
`,
  );
  assert.equal(result.status, 'passed', why(result));
  const [first, second] = apiCalls(gw);
  assert.equal(first?.url, second?.url);
});

test('a var that cannot be rendered fails the case at that var', async () => {
  const result = await runYaml(
    project,
    undefined,
    `
cases:
  - test: test_bad_var
    id: TST-321
    fixture: none
    vars:
      good: 1
      bad: '\${vars.nope}'
    steps:
      - sleep: 0
`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /vars\.bad: /);
  assert.match(why(result), /\ncatalog\/t\w+\.yaml:8:12\n/);
});

test('resources: exclusive holders of a name run one at a time; an exclusive platform runs alone', async () => {
  // Each case holds one request open for 0.6 s; the gateway notes when each was in flight. Overlap (or none)
  // of those spans shows what ran side by side, however slow the machine: no wall-time bound.
  const spans = new Map<string, { from: number; to: number }[]>();
  const gw = await gateway({
    '/api/hold': (req, res) => {
      const who = (JSON.parse(req.body) as { who: string }).who;
      const from = performance.now();
      setTimeout(() => {
        spans.set(who, [...(spans.get(who) ?? []), { from, to: performance.now() }]);
        reply(res, 200, {});
      }, 600);
    },
  });
  const hold = (who: string) => `steps: [ { request: { path: /api/hold, json: { who: ${who} } } } ]`;
  const cases = project.cases(
    'locks',
    `
cases:
  - { test: test_a, id: TST-330, resources: { exclusive: ['function:x'] }, ${hold('a')} }
  - { test: test_b, id: TST-331, resources: { exclusive: ['function:x'] }, ${hold('b')} }
  - { test: test_c, id: TST-332, resources: { shared: ['function:y'] }, ${hold('c')} }
  - { test: test_d, id: TST-333, resources: { exclusive: [platform] }, ${hold('d')} }
`,
  );
  const [a, b, c, d] = cases;
  if (!a || !b || !c || !d) throw new Error('four cases expected');
  const ctx = project.context(gw);
  const span = (who: string, i = 0) => spans.get(who)?.[i] ?? assert.fail(`${who}: no request #${i + 1}`);
  const overlap = (x: { from: number; to: number }, y: { from: number; to: number }) =>
    x.from < y.to && y.from < x.to;
  const pair = await Promise.all([runCase(a, ctx), runCase(b, ctx), runCase(c, ctx)]);
  for (const r of pair) assert.equal(r.status, 'passed', why(r));
  assert.ok(!overlap(span('a'), span('b')), 'function:x exclusive cases ran one after the other');
  assert.ok(
    overlap(span('c'), span('a')) || overlap(span('c'), span('b')),
    'the shared case ran beside the exclusive holders of another name',
  );

  const again = await Promise.all([runCase(c, ctx), runCase(d, ctx)]);
  for (const r of again) assert.equal(r.status, 'passed', why(r));
  assert.ok(!overlap(span('c', 1), span('d')), 'platform exclusive does not overlap another case');
  const leftovers = readdirSync(project.lockDir).flatMap((r) => readdirSync(join(project.lockDir, r)));
  assert.deepEqual(leftovers, [], 'every lock released');
});

test('locks are released when a case fails', async () => {
  const gw = await gateway({ '/api/boom': (_req, res) => reply(res, 500, {}) });
  const yaml = `
cases:
  - test: test_fail
    id: TST-340
    resources: { exclusive: [platform] }
    steps:
      - request: { path: /api/boom }
        expect: { status: 200 }
`;
  assert.equal((await runYaml(project, gw, yaml)).status, 'failed');
  const leftovers = readdirSync(project.lockDir).flatMap((r) => readdirSync(join(project.lockDir, r)));
  assert.deepEqual(leftovers, []);
});

test('cancelling the run ends a case as failed with the reason, releasing its locks', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('interrupted')), 150);
  const started = performance.now();
  const result = await runYaml(
    project,
    undefined,
    `
cases:
  - test: test_long
    id: TST-350
    fixture: none
    steps:
      - sleep: 30
`,
    { signal: controller.signal },
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /cancelled.*interrupted/);
  // The sleep is 30 s: anything near that means the cancel did not reach it. 10 s leaves room for a slow machine.
  assert.ok(performance.now() - started < 10_000);
});

test('the login token never appears in a failure text, even when the server echoes it', async () => {
  const gw = await gateway({
    '/api/leak': (req, res) => reply(res, 418, { seen: req.headers.authorization, token: TOKEN }),
  });
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_leak
    id: TST-360
    steps:
      - request: { path: /api/leak, query: { t: '\${auth.token}' } }
        expect: { status: 200, assert: [ { path: $.token, equals: nope } ] }
`,
  );
  assert.equal(result.status, 'failed');
  assert.ok(!why(result).includes(TOKEN), why(result));
  assert.match(why(result), /\?t=\*\*\*/);
});
