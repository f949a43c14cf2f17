import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { targetPreflight } from '../../runner/preflight/target-preflight.ts';
import { Project, runYaml, SECRETS, startGateway, TOKEN, why } from './exec-harness.ts';
import { startServer, type TestServer } from './test-server.ts';

// A gateway that redirects to another origin (another port on loopback, plain HTTP): no request, and so no
// credential, may reach the other origin; the 3xx is the answer, reported with where it pointed.

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

async function elsewhere(): Promise<TestServer> {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ AuthenticationResult: { IdToken: 'stolen' }, status: 'healthy' }));
  });
  servers.push(server);
  return server;
}

function redirect(status: number, location: string) {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end(`moved to ${location}`);
  };
}

function assertNoSecret(text: string): void {
  for (const secret of [SECRETS.X_API_KEY, SECRETS.AUTH_PASS, TOKEN]) assert.ok(!text.includes(secret), text);
}

for (const status of [302, 307, 308]) {
  test(`a login answered ${status} to another origin fails naming the Location; nothing reaches it`, async () => {
    const other = await elsewhere();
    const gw = await startGateway({ '/user/auth/v1': redirect(status, `${other.url}/steal`) });
    servers.push(gw);
    const result = await runYaml(
      project,
      gw,
      `
cases:
  - test: test_login_redirect
    id: RDR-001
    steps:
      - request: { path: /api/echo, json: { message: hi } }
`,
    );
    assert.equal(result.status, 'failed');
    assert.match(
      why(result),
      new RegExp(
        `login failed: POST ${gw.url}/user/auth/v1 answered ${status}, a redirect to ${other.url}/steal, not followed`,
      ),
    );
    assert.equal(other.requests.length, 0, 'the login (x-api-key, password) went to the other origin');
    assert.equal(gw.requests.filter((r) => r.url.startsWith('/api/')).length, 0);
    assertNoSecret(why(result));
  });
}

test('an API answer 302 is the response: the status check fails and the report shows the Location', async () => {
  const other = await elsewhere();
  const gw = await startGateway({ '/api/echo': redirect(302, `${other.url}/api/echo`) });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_api_redirect
    id: RDR-002
    steps:
      - request: { path: /api/echo, json: { message: hi } }
        expect: { status: 200 }
`,
  );
  assert.equal(result.status, 'failed');
  const failure = why(result);
  assert.match(failure, /response: 302 in \d+ ms/);
  assert.match(failure, new RegExp(`a redirect to ${other.url}/api/echo, not followed`));
  assert.match(failure, /expected status 200, got 302/);
  assert.equal(other.requests.length, 0, 'the bearer token went to the other origin');
  assertNoSecret(failure);
});

test('a redirect without a Location says so', async () => {
  const gw = await startGateway({
    '/api/echo': (_req, res) => {
      res.writeHead(303);
      res.end();
    },
  });
  servers.push(gw);
  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_bare_redirect
    id: RDR-003
    steps:
      - request: { path: /api/echo }
        expect: { status: 200 }
`,
  );
  assert.match(why(result), /a redirect without a Location header, not followed/);
});

test('preflight: a /health that redirects is not healthy, and the line says where it pointed', async () => {
  const other = await elsewhere();
  const gw = await startGateway({ '/health': redirect(301, `${other.url}/health`) });
  servers.push(gw);
  const problem = await targetPreflight({ ...SECRETS, GATEWAY_URL: gw.url });
  assert.equal(
    problem,
    `the gateway is not healthy: GET ${gw.url}/health answered 301, a redirect to ${other.url}/health, not followed (esb-e2e never follows redirects: the request's credentials would go along); set GATEWAY_URL to the gateway's own address`,
  );
  assert.equal(other.requests.length, 0);
});
