import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Project, runYaml, SECRETS, startGateway, TOKEN, why } from './exec-harness.ts';
import { reply, startServer, type TestServer } from './test-server.ts';

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});
const track = <T extends TestServer>(s: T) => {
  servers.push(s);
  return s;
};

test('gateway request: bearer token by default, query, templated headers and JSON body, captures for later steps', async () => {
  const gw = track(await startGateway());
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_request
    id: TST-001
    params: { runtime: python }
    vars:
      trace: 'Root=1-\${time.epoch_hex}-abc'
      count: 3
    steps:
      - name: first call
        request:
          path: /api/echo
          query: { q: 'a b', n: '\${vars.count}' }
          headers: { X-Amzn-Trace-Id: '\${vars.trace}' }
          json: { message: 'hello-\${matrix.runtime}', n: '\${vars.count}', nested: [ '\${vars.count + 1}' ] }
        expect:
          status: 200
          assert:
            - { path: $.method, equals: POST }
            - { path: $.url, equals: '/api/echo?q=a+b&n=3' }
            - { path: $.authorization, equals: 'Bearer \${auth.token}' }
            - { path: $.headers.content-type, equals: application/json }
            - { path: $.headers.x-amzn-trace-id, starts_with: 'Root=1-' }
            - { path: $.body, parse_json: true, assert: [ { path: $.message, equals: hello-python }, { path: $.n, equals: 3 }, { path: '$.nested[0]', equals: 4 } ] }
        capture:
          seen_url: $.url
      - request: { path: '/api/second', query: { prev: '\${vars.seen_url}' }, auth: none }
        expect:
          assert:
            - { path: $.method, equals: GET }
            - { path: $.authorization, equals: null }
`,
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(gw.requests.filter((r) => r.url.startsWith('/api/')).length, 2);
  assert.equal(
    gw.requests.find((r) => r.url.startsWith('/api/echo'))?.headers.authorization,
    `Bearer ${TOKEN}`,
  );
});

test('invoke request: the Invoke API URL, POST, invocation type, no token by default', async () => {
  const gw = track(await startGateway());
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_invoke
    id: TST-002
    steps:
      - request: { target: invoke, function: lambda-echo, invocation_type: Event, json: { a: 1 } }
        expect:
          status: 200
          assert:
            - { path: $.method, equals: POST }
            - { path: $.url, equals: /2015-03-31/functions/lambda-echo/invocations }
            - { path: $.headers.x-amz-invocation-type, equals: Event }
            - { path: $.authorization, equals: null }
`,
  );
  assert.equal(result.status, 'passed', why(result));
});

test('victorialogs requests parse JSON lines and agent_metrics requests are read as raw text', async () => {
  const gw = track(await startGateway());
  const logs = track(
    await startServer((req, res) => {
      if (req.url.startsWith('/select/logsql/query')) {
        res.writeHead(200, { 'content-type': 'application/stream+json' });
        res.end('{"_msg":"one","trace_id":"t"}\n\nnot json\n{"_msg":"two"}\n');
      } else reply(res, 404, 'no');
    }),
  );
  const metrics = track(await startServer((_req, res) => reply(res, 200, 'go_goroutines 12\n')));
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_targets
    id: TST-003
    fixture: none
    steps:
      - request: { target: victorialogs, path: /select/logsql/query, query: { query: 'trace_id:"t"', limit: 100 } }
        expect:
          status: 200
          assert:
            - { path: '$[*]._msg', includes_all: [one, two] }
            - { path: '$', length: 2 }
      - request: { target: agent_metrics, path: /metrics }
        expect:
          assert: [ { body: raw, contains: go_goroutines }, { header: content-type, starts_with: text/plain } ]
`,
    { env: { VICTORIALOGS_URL: logs.url, AGENT_METRICS_URL: metrics.url } },
  );
  assert.equal(result.status, 'passed', why(result));
  assert.equal(logs.requests[0]?.url, '/select/logsql/query?query=trace_id%3A%22t%22&limit=100');
  assert.equal(logs.requests[0]?.headers.authorization, undefined);
});

test('a text body is sent as is, POST by default, without a JSON content type', async () => {
  const gw = track(await startGateway());
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_text
    id: TST-004
    steps:
      - request: { path: /raw, text: 'plain \${auth.token == "" ? "no" : "yes"}' }
        expect:
          assert:
            - { path: $.method, equals: POST }
            - { path: $.body, equals: plain yes }
            - { path: $.headers.content-type, absent: true }
`,
  );
  assert.equal(result.status, 'passed', why(result));
});

test('retry on a request step: retried statuses repeat with the interval, then the answer is checked', async () => {
  const gw = track(
    await startGateway({
      '/flaky': (_req, res, n) => reply(res, n < 3 ? 503 : 200, { n }),
    }),
  );
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_retry
    id: TST-005
    steps:
      - request: { path: /flaky }
        retry: { attempts: 5, interval: 0.05 }
        expect: { status: 200, assert: [ { path: $.n, equals: 3 } ] }
`,
  );
  assert.equal(result.status, 'passed', why(result));
});

test('retry: a transport error on the last attempt fails the step with that error', async () => {
  const gw = track(
    await startGateway({
      '/dies': (_req, res, n) => (n < 2 ? reply(res, 503, { n }) : res.socket?.destroy()),
    }),
  );
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_retry_transport
    id: TST-006
    steps:
      - request: { path: /dies }
        retry: { attempts: 2, interval: 0.01 }
        expect: { status: 503 }
`,
  );
  assert.equal(result.status, 'failed');
  assert.match(why(result), /TransportError/);
  assert.match(why(result), /no response: TransportError/);
});

test('a read timeout fails the step and is not retried', async () => {
  const gw = track(
    await startGateway({
      '/slow': (_req, res) => {
        setTimeout(() => reply(res, 200, {}), 1500);
      },
    }),
  );
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_timeout
    id: TST-007
    steps:
      - request: { path: /slow, timeout: 0.2 }
        retry: { attempts: 3, interval: 0.01 }
        expect: { status: 200 }
`,
  );
  assert.equal(result.status, 'failed');
  assert.match(
    why(result),
    /ReadTimeoutError: connected, but no response headers within 0\.2 s \(the request's timeout\), from https:\/\/127\.0\.0\.1:\d+\/slow/,
  );
  assert.equal(gw.requests.filter((r) => r.url === '/slow').length, 1);
});

test('failure text: case, file:line:col with caret for step and assertion, request, response, all redacted', async () => {
  const gw = track(
    await startGateway({
      '/api/fail': (req, res) => reply(res, 500, { echoed: req.headers, key: SECRETS.X_API_KEY }),
    }),
  );
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_failure_text
    id: TST-008
    steps:
      - name: call it
        request:
          path: /api/fail
          headers: { x-api-key: '\${env.X_API_KEY}', X-Pass: '\${env.AUTH_PASS}' }
          json: { token: '\${auth.token}' }
        expect:
          status: 200
`,
  );
  assert.equal(result.status, 'failed');
  const text = why(result);
  for (const secret of [TOKEN, SECRETS.X_API_KEY, SECRETS.AUTH_PASS])
    assert.ok(!text.includes(secret), `${secret} leaked:\n${text}`);
  assert.match(text, /^TST-008 test_failure_text: step "call it" \(request\) failed/);
  assert.match(text, /catalog\/t\w+\.yaml:6:9: the failing step/);
  assert.match(text, /\n6 \| {7}- name: call it\n {2}\| {9}\^\n/);
  assert.match(text, /request: POST https:\/\/127\.0\.0\.1:\d+\/api\/fail/);
  assert.match(text, /Authorization: \*\*\*/);
  assert.match(text, /x-api-key: \*\*\*/);
  assert.match(text, /X-Pass: \*\*\*/);
  assert.match(text, /body: \{"token":"\*\*\*"\}/);
  assert.match(text, /response: 500 in \d+ ms/);
  assert.match(text, /expected:\n {4}catalog\/t\w+\.yaml:12:19: expected status 200, got 500/);
  assert.match(text, /12 \| {11}status: 200\n {4} {3}\| {19}\^\^\^$/);
});
