import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import type { TestServer } from './test-server.ts';

// A weak one-character password must neither appear where it stands alone nor garble the failure text: the
// case name, the file and the quoted catalogue lines are never passed through the redactor.

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

test('a one-character password: hidden as a value, and the case name, path and source line stay whole', async () => {
  const gw = await startGateway({
    '/api/echo': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ password: 'e', message: 'the echo' }));
    },
  });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_weak_secret_everywhere
    id: SEC-001
    steps:
      - name: echo the secret back
        request: { path: /api/echo, json: { message: "\${env.AUTH_PASS}" } }
        expect: { status: 201 }
`,
    { env: { AUTH_PASS: 'e' } },
  );
  assert.equal(result.status, 'failed');
  const failure = why(result);
  assert.match(
    failure,
    /^SEC-001 test_weak_secret_everywhere: step "echo the secret back" \(request\) failed\n/,
  );
  assert.match(failure, /\ncatalog\/t\w+\.yaml:6:9: the failing step "echo the secret back"/);
  assert.ok(failure.includes('\n6 |       - name: echo the secret back\n'), failure);
  assert.ok(failure.includes('\n    8 |         expect: { status: 201 }\n'), failure);
  assert.match(failure, /body: \{"message":"\*\*\*"\}/);
  assert.match(failure, /"password":"\*\*\*","message":"the echo"/);
  assert.doesNotMatch(failure, /"e"/);
});
