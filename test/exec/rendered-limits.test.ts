import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Project, runYaml, startGateway } from './exec-harness.ts';
import type { TestServer } from './test-server.ts';

// A template cannot be range-checked when the catalogue loads; the runner checks the same limits when it renders.
const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

const oneCase = (vars: string, step: string) => `
cases:
  - test: test_limits
    id: TST-300
    fixture: none
    vars: { ${vars} }
    steps:
${step}
`;

const faults: [string, string, string, RegExp][] = [
  [
    'a sleep past a day (Node timers overflow past 2^31-1 ms)',
    'seconds: 99999999999999',
    "      - sleep: '${vars.seconds}'",
    /sleep rendered to 99999999999999; it must be a number from 0 to 86400/,
  ],
  ['a negative sleep', 'seconds: -1', "      - sleep: '${vars.seconds}'", /sleep rendered to -1; it must be/],
  [
    'parallel copies past the limit',
    'copies: 50000',
    "      - parallel: { count: '${vars.copies}', steps: [{ sleep: 0 }] }",
    /parallel\.count rendered to 50000; it must be a whole number from 1 to 1000/,
  ],
  [
    'no loop rounds',
    'rounds: 0',
    "      - loop: { count: '${vars.rounds}', steps: [{ sleep: 0 }] }",
    /loop\.count rendered to 0; it must be a whole number from 1 to 10000/,
  ],
  [
    'a fractional loop count',
    'rounds: 1.5',
    "      - loop: { count: '${vars.rounds}', steps: [{ sleep: 0 }] }",
    /loop\.count rendered to 1\.5; it must be a whole number/,
  ],
  [
    'no retry attempts',
    'attempts: 0',
    "      - request: { path: /x }\n        retry: { attempts: '${vars.attempts}' }",
    /retry\.attempts rendered to 0; it must be a whole number from 1 to 100/,
  ],
  [
    'a zero request timeout',
    'seconds: 0',
    "      - request: { path: /x, timeout: '${vars.seconds}' }",
    /request\.timeout rendered to 0; it must be a number more than 0 and at most 86400/,
  ],
  [
    'a poll timeout past a day',
    'seconds: 100000',
    "      - request: { path: /x }\n        poll: { timeout: '${vars.seconds}' }",
    /poll\.timeout rendered to 100000; it must be/,
  ],
];

for (const [what, vars, step, message] of faults) {
  test(`${what}: the case fails at once, naming the step and the limit`, async () => {
    const gw = await startGateway();
    servers.push(gw);
    const started = performance.now();
    const result = await runYaml(project, gw, oneCase(vars, step));
    assert.equal(result.status, 'failed');
    assert.match(result.failure ?? '', message);
    assert.match(result.failure ?? '', /catalog\/t[0-9a-f]+\.yaml:\d+:\d+/, 'the failure points at the step');
    assert.match(result.failure ?? '', /docs\/catalogue-steps\.md, Limits/);
    assert.ok(performance.now() - started < 5000, 'nothing waited or ran for long');
  });
}

test('values inside the limits still run', async () => {
  const result = await runYaml(
    project,
    undefined,
    oneCase('rounds: 3', "      - loop: { count: '${vars.rounds}', steps: [{ sleep: 0 }] }"),
  );
  assert.equal(result.status, 'passed', result.failure);
});
