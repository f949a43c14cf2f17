import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { applyMutation, mutationsOf } from '../../runner/mutate/mutations.ts';
import { cleanEnv, runCli } from '../helpers/child-run.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// esb-e2e mutate against a loopback server: a case with a weak assertion lets a wrong message through and the
// report names the path and the change; the same case with the assertion fixed kills it. The proxy passes every
// request on unchanged.

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-mutate-'));
let server: Server;
/** Every request the platform got: method, path, the custom header and the body. */
const received: string[] = [];

const caseYaml = (id: string, n: number, checks: string[], retry = '', path = '/api/echo') =>
  [
    `  - test: test_echo_${n}`,
    `    id: ${id}`,
    `    anchor: desc-${id.toLowerCase()}`,
    '    category: 機能系',
    `    doc: { guarantee: g, input: i, pass_criteria: "\`200\` と \`message\` が返ること。", failure_hint: h }`,
    '    fixture: none',
    '    vars: { run: "${random.hex(8)}" }',
    '    steps:',
    `      - request: { path: "${path}", headers: { X-Trace-Me: "t-${n}" }, json: { message: hello-${n} } }`,
    ...(retry === '' ? [] : [`        retry: ${retry}`]),
    '        expect:',
    '          status: 200',
    '          assert:',
    ...checks.map((c) => `            - ${c}`),
  ].join('\n');

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push(`${request.method} ${request.url} ${request.headers['x-trace-me'] ?? ''} ${body}`);
      const message = (JSON.parse(body || '{}') as { message?: string }).message;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ success: true, message: `Echo: ${message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('mutations of a JSON answer: each value, field and list, the status and the headers, applied as described', () => {
  const response = {
    status: 200,
    headers: { 'content-type': 'application/json', date: 'today' },
    body: '{"ok":true,"n":2,"keys":["a/1","a/2"]}',
  };
  const all = mutationsOf(response);
  const described = all.map((m) => m.description);
  for (const expected of [
    'status 200 -> 201',
    'status 200 -> 500',
    'header content-type removed',
    '$.ok: boolean flipped',
    '$.n: number plus one',
    '$.n: number times ten',
    '$.keys: first element dropped',
    '$.keys: last element repeated',
    '$.keys: elements reordered',
    '$.keys: foreign element added',
    '$.keys[0]: string changed',
    '$.ok: field removed',
    '$.n: set to null',
  ])
    assert.ok(described.includes(expected), `${expected} in ${described.join(', ')}`);
  assert.ok(!described.some((d) => d.includes('date')), 'transport headers are left alone');
  const byName = (d: string) => all.find((m) => m.description === d);
  const flipped = applyMutation(response, byName('$.ok: boolean flipped') ?? assert.fail());
  assert.deepEqual(JSON.parse(flipped.body), { ok: false, n: 2, keys: ['a/1', 'a/2'] });
  const dropped = applyMutation(response, byName('$.keys: first element dropped') ?? assert.fail());
  assert.deepEqual(JSON.parse(dropped.body).keys, ['a/2']);
  const foreign = applyMutation(response, byName('$.keys: foreign element added') ?? assert.fail());
  assert.deepEqual(JSON.parse(foreign.body).keys, ['a/1', 'a/2', 'mutant-a/1']);
  const removed = applyMutation(response, byName('$.ok: field removed') ?? assert.fail());
  assert.deepEqual(JSON.parse(removed.body), { n: 2, keys: ['a/1', 'a/2'] });
  assert.equal(applyMutation(response, byName('status 200 -> 500') ?? assert.fail()).status, 500);
});

test('a weak assertion lets a wrong message survive, named by path and change; the fixed one kills it', async () => {
  const root = scratchProject(join(dir, 'project'), {
    env: 'e2e-docker',
    scenario: 'mutants',
    file: 'test_mutants.yaml',
    cases: `cases:\n${[
      caseYaml('MUT-001', 1, ['{ path: $.success, exists: true }']),
      caseYaml('MUT-002', 2, [
        '{ path: $.success, equals: true }',
        '{ path: $.message, equals: "Echo: hello-2" }',
      ]),
      // A retry on 500 must not hide a platform that answers 500: the wrong answer stays for the retries, also
      // when the request holds a value of its own run (as a log query holds the run's trace root).
      caseYaml(
        'MUT-003',
        3,
        ['{ path: $.success, equals: true }'],
        '{ attempts: 3, interval: 0.1 }',
        '/api/echo?run=${vars.run}',
      ),
    ].join('\n')}\n`,
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = join(dir, 'mutations.json');
  const accepted = join(root, 'mutations-accepted.yaml');
  writeFileSync(
    accepted,
    [
      '# yaml-language-server: $schema=schema/mutation-accepted.schema.json',
      'accepted:',
      '  - change: "$.success: boolean *"',
      '    cases: [MUT-001]',
      '    reason: the weak case is about its message',
      '  - change: header x-none *',
      '    reason: covers nothing',
      '',
    ].join('\n'),
  );
  received.length = 0;
  const result = await runCli(
    [
      'mutate',
      '--env',
      'e2e-docker',
      '--target',
      'external',
      '--seed',
      '7',
      '--json',
      json,
      '--accepted',
      accepted,
    ],
    {
      ...cleanEnv(['GATEWAY_URL']),
      ESB_E2E_ROOT: root,
      GATEWAY_URL: url,
      VICTORIALOGS_URL: url,
      X_API_KEY: 'mutate-api-key',
      AUTH_USER: 'mutate',
      AUTH_PASS: 'mutate-password',
      NO_COLOR: '1',
    },
  );
  // The command ended by itself: the CLI sets its exit code and never calls process.exit (last-resort.ts), so a
  // proxy, a connection or an agent left open would have kept the process, and this test, waiting.
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^\[e2e-docker\] MUT-001 test_echo_1: \d+ of \d+ tried, \d+ killed, \d+ survived \(1 accepted\) \(\d+%\)$/m,
  );
  assert.match(
    result.stdout,
    /^ {4}survived: POST \/api\/echo \(GATEWAY_URL answer 1\) \$\.message: string changed \(its document promises this\)$/m,
  );
  // Accepted by the file's rule, with its reason; the rule that covered nothing is noted with its line.
  assert.match(
    result.stdout,
    /^ {4}accepted: POST \/api\/echo \(GATEWAY_URL answer 1\) \$\.success: boolean flipped \(the weak case is about its message\)$/m,
  );
  assert.match(result.stdout, /^ENV +SUITE +CASES +TRIED +KILLED +SURVIVED +ACCEPTED +SCORE$/m);
  assert.match(
    result.stdout,
    /^note: mutations-accepted\.yaml:6: the accepted-survivors rule for header x-none \* covers no survivor; remove it$/m,
  );
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    seed: number;
    cases: { id: string; killed: number; survivors: { change: string; accepted?: string }[] }[];
    suites: { suite: string; score: string }[];
  };
  assert.equal(report.seed, 7);
  const [weak, fixed] = report.cases;
  const changes = (c: typeof weak) => (c?.survivors ?? []).map((s) => s.change);
  assert.ok(changes(weak).includes('$.message: string changed'), changes(weak).join(', '));
  assert.ok(changes(weak).includes('$.success: boolean flipped'), changes(weak).join(', '));
  assert.equal(
    weak?.survivors.find((s) => s.change === '$.success: boolean flipped')?.accepted,
    'the weak case is about its message',
  );
  assert.equal(weak?.survivors.find((s) => s.change === '$.message: string changed')?.accepted, undefined);
  assert.ok(
    !changes(fixed).includes('$.message: string changed'),
    'the fixed assertion kills the wrong message',
  );
  assert.ok(!changes(fixed).includes('$.success: boolean flipped'));
  assert.ok((fixed?.killed ?? 0) > (weak?.killed ?? 0));
  const retried = report.cases[2];
  assert.equal(retried?.id, 'MUT-003');
  assert.ok(!changes(retried).includes('status 200 -> 500'), changes(retried).join(', '));
  assert.equal(report.suites[0]?.suite, 'mutants');

  // Every request reached the platform as the case sent it: the proxy changes answers, never requests.
  // (GET /health is the external target's check that the platform is up, before any case.)
  const fromCases = received.filter((line) => !line.startsWith('GET /health '));
  assert.ok(fromCases.length > 4, `${fromCases.length} requests`);
  for (const line of fromCases)
    assert.match(line, /^POST \/api\/echo(\?run=[0-9a-f]{8})? t-([123]) \{"message":"hello-\2"\}$/);
  const runs = new Set(fromCases.filter((line) => line.includes('?run=')).map((line) => line.split(' ')[1]));
  assert.ok(runs.size > 2, `MUT-003's query differs from run to run: ${[...runs].join(', ')}`);
});

test('an accepted-survivors file with a mistake stops mutate before anything runs, at its line and column', async () => {
  const root = scratchProject(join(dir, 'bad-accepted'), {
    env: 'e2e-docker',
    scenario: 'mutants',
    file: 'test_mutants.yaml',
    cases: `cases:\n${caseYaml('MUT-001', 1, ['{ path: $.success, exists: true }'])}\n`,
  });
  const accepted = join(root, 'mutations-accepted.yaml');
  writeFileSync(
    accepted,
    '# yaml-language-server: $schema=schema/mutation-accepted.schema.json\naccepted:\n  - change: x\n    reasn: typo\n',
  );
  received.length = 0;
  const result = await runCli(
    ['mutate', '--env', 'e2e-docker', '--target', 'external', '--accepted', accepted],
    {
      ...cleanEnv(['GATEWAY_URL']),
      ESB_E2E_ROOT: root,
      GATEWAY_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      NO_COLOR: '1',
    },
  );
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /^mutations-accepted\.yaml:4:5: error: unknown property 'reasn'/m);
  assert.match(result.stderr, /nothing was run$/m);
  assert.deepEqual(received, []);
});
