import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import { reply, startServer, type TestServer } from './test-server.ts';

// A platform that restarts: POST /api/restart takes the gateway's /health and the agent's /metrics down for
// RESTART_MS (503), as a service restart does while the case that asked for it may already have passed.
const RESTART_MS = 1500;
const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

async function restartingPlatform() {
  let downUntil = 0;
  const down = () => performance.now() < downUntil;
  const gateway = await startGateway({
    '/api/restart': (_req, res) => {
      downUntil = performance.now() + RESTART_MS;
      reply(res, 200, { restarted: true });
    },
    '/health': (_req, res) => reply(res, down() ? 503 : 200, { status: down() ? 'starting' : 'healthy' }),
  });
  const agent = await startServer((req, res) => {
    if (req.url === '/metrics')
      res.writeHead(down() ? 503 : 200, { 'content-type': 'text/plain' }).end('up 1\n');
    else res.writeHead(404).end();
  });
  servers.push(gateway, agent);
  return { gateway, agent };
}

const CASE = (resources: string) => `
cases:
  - test: test_restart
    id: PLT-001
    fixture: none${resources}
    steps:
      - name: restart a service
        request: { path: /api/restart, auth: none }
        expect: { status: 200 }
`;

test('a case that took the whole platform lets go of it only once the gateway and the agent answer again', async () => {
  const { gateway, agent } = await restartingPlatform();
  const started = performance.now();
  const result = await runYaml(project, gateway, CASE('\n    resources: { exclusive: [platform] }'), {
    env: { AGENT_METRICS_URL: agent.url },
  });
  const returned = performance.now();
  assert.equal(result.status, 'passed', why(result));
  assert.ok(returned - started >= RESTART_MS, `returned after ${returned - started} ms`);
  // Its own time is its steps', not the wait for the platform.
  assert.ok(result.durationMs < RESTART_MS, `durationMs ${result.durationMs}`);
  const restarted = gateway.requests.find((r) => r.url === '/api/restart')?.at ?? 0;
  assert.ok(gateway.requests.some((r) => r.url === '/health' && r.at >= restarted + RESTART_MS));
  assert.ok(agent.requests.some((r) => r.url === '/metrics' && r.at >= restarted + RESTART_MS));
});

test('a case that shared the platform does not wait for it', async () => {
  const { gateway, agent } = await restartingPlatform();
  const started = performance.now();
  const result = await runYaml(project, gateway, CASE(''), { env: { AGENT_METRICS_URL: agent.url } });
  assert.equal(result.status, 'passed', why(result));
  assert.ok(performance.now() - started < RESTART_MS, `returned after ${performance.now() - started} ms`);
  assert.equal(agent.requests.length, 0);
});
