import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SERVICE_ENV } from '../../../testbed/shared/service-env.ts';
import {
  type AgentUnderTest,
  answersOn,
  call,
  createWorker,
  fixtureEntry,
  invokeWorker,
  mustCreateWorker,
  startOn,
  startProcessAgent,
  testConfig,
  type WorkerJson,
} from './agent-kit.ts';

const config = testConfig({ mode: 'docker', projectName: 'esb-agent-api-test', workerPorts: [18710, 18712] });

describe('Agent API with the process backend', () => {
  const started: AgentUnderTest[] = [];
  const start = async (options: Parameters<typeof startProcessAgent>[0]) => {
    const running = await startProcessAgent(options);
    started.push(running);
    return running;
  };
  after(async () => {
    for (const { agent } of started) await agent.close({ removeWorkers: true });
  });

  it('starts a worker, answers 201 once it is healthy, and hands it the service environment', async () => {
    const { api } = await start({ config });
    const reply = await createWorker(api, 'lambda-echo');
    assert.equal(reply.status, 201);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
    const worker = reply.body as WorkerJson;
    assert.deepEqual(Object.keys(worker).sort(), ['functionName', 'host', 'id', 'name', 'port']);
    assert.equal(worker.functionName, 'lambda-echo');
    assert.equal(worker.host, '127.0.0.1');
    assert.ok(worker.port >= 18710 && worker.port <= 18712, `port ${worker.port} in the worker range`);
    assert.match(worker.name, /^esb-agent-api-test-worker-lambda-echo-[0-9a-f]{8}$/);
    // Healthy means callable right away, without any retry.
    const answer = await invokeWorker(worker);
    assert.equal(answer.functionName, 'lambda-echo');
    assert.equal(answer.port, worker.port);
    assert.equal(answer.projectName, 'esb-agent-api-test');
    assert.equal(answer.apiKey, 'test-api-key');
    const expectedNames = [
      ...Object.values(SERVICE_ENV),
      'ESB_TESTBED_ESB',
      'ESB_TESTBED_FAULTS',
      'FUNCTION_NAME',
      'WORKER_PORT',
    ].sort();
    assert.deepEqual(answer.envNames, expectedNames);
    await call(`${api}/v1/workers/${worker.id}`, { method: 'DELETE' });
  });

  it('lists workers, removes one (204, also when already gone) and removes all', async () => {
    const { api } = await start({ config });
    const first = await mustCreateWorker(api, 'lambda-echo');
    const second = await mustCreateWorker(api, 'lambda-scaling');
    const listed = await call(`${api}/v1/workers`);
    assert.equal(listed.status, 200);
    const ids = (listed.body as { workers: WorkerJson[] }).workers.map((w) => w.id).sort();
    assert.deepEqual(ids, [first.id, second.id].sort());

    assert.equal((await call(`${api}/v1/workers/${first.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(await answersOn(first.port), false, 'the removed worker no longer listens');
    assert.equal((await call(`${api}/v1/workers/${first.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${api}/v1/workers/no-such-worker`, { method: 'DELETE' })).status, 204);
    const afterOne = (await call(`${api}/v1/workers`)).body as { workers: WorkerJson[] };
    assert.deepEqual(
      afterOne.workers.map((w) => w.id),
      [second.id],
    );

    await mustCreateWorker(api, 'lambda-echo');
    const all = await call(`${api}/v1/workers`, { method: 'DELETE' });
    assert.equal(all.status, 204);
    assert.equal(all.body, undefined);
    assert.deepEqual((await call(`${api}/v1/workers`)).body, { workers: [] });
    assert.equal(await answersOn(second.port), false);
  });

  it('never gives two live workers one port, reuses a freed port, and answers 503 when none is left', async () => {
    const { api } = await start({ config });
    const a = await mustCreateWorker(api, 'lambda-scaling');
    const b = await mustCreateWorker(api, 'lambda-scaling');
    const c = await mustCreateWorker(api, 'lambda-scaling');
    assert.equal(new Set([a.port, b.port, c.port]).size, 3);
    const full = await createWorker(api, 'lambda-scaling');
    assert.equal(full.status, 503);
    assert.deepEqual(full.body, { message: 'no free worker port' });

    await call(`${api}/v1/workers/${b.id}`, { method: 'DELETE' });
    const d = await mustCreateWorker(api, 'lambda-scaling');
    assert.equal(d.port, b.port, 'the freed port is handed out again');
    await call(`${api}/v1/workers`, { method: 'DELETE' });
  });

  it('starts workers concurrently on distinct ports', async () => {
    const { api } = await start({ config });
    const workers = await Promise.all([
      mustCreateWorker(api, 'lambda-scaling'),
      mustCreateWorker(api, 'lambda-scaling'),
      mustCreateWorker(api, 'lambda-scaling'),
    ]);
    assert.equal(new Set(workers.map((w) => w.port)).size, 3);
    await call(`${api}/v1/workers`, { method: 'DELETE' });
  });

  it('answers 503 at once when the worker exits before it is healthy, and frees its port', async () => {
    const { api } = await start({ config, workerEntry: await fixtureEntry('exiting') });
    const begun = Date.now();
    const reply = await createWorker(api, 'lambda-echo');
    assert.equal(reply.status, 503);
    assert.match((reply.body as { message: string }).message, /exited before it answered \/health/);
    assert.ok(Date.now() - begun < 10_000, 'no wait for the full health timeout');
    assert.deepEqual((await call(`${api}/v1/workers`)).body, { workers: [] });
    // More failed starts than the range has ports: each failure gave its port back.
    for (let i = 0; i < 4; i++) {
      const again = await createWorker(api, 'lambda-echo');
      assert.match((again.body as { message: string }).message, /exited before/);
    }
  });

  it('removes a worker that never becomes healthy and answers 503', async () => {
    const { api, backend } = await start({
      config,
      workerEntry: await fixtureEntry('unhealthy'),
      healthTimeoutMs: 1500,
    });
    const reply = await createWorker(api, 'lambda-echo');
    assert.equal(reply.status, 503);
    assert.match((reply.body as { message: string }).message, /did not answer \/health within 1500 ms/);
    assert.deepEqual(await backend.list(), [], 'the backend holds no worker any more');
    assert.deepEqual((await call(`${api}/v1/workers`)).body, { workers: [] });
  });

  it('refuses a request without a function name (400) and an unknown function (404)', async () => {
    const { api } = await start({ config });
    const missing = await call(`${api}/v1/workers`, { method: 'POST', json: {} });
    assert.equal(missing.status, 400);
    assert.ok(typeof (missing.body as { message?: unknown }).message === 'string');
    const notJson = await fetch(`${api}/v1/workers`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
    await notJson.arrayBuffer();
    const unknown = await createWorker(api, 'lambda-nope');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { message: "unknown function 'lambda-nope'" });
  });

  it('answers the heartbeat and 404 for other paths', async () => {
    const { api } = await start({ config });
    assert.equal((await call(`${api}/v1/heartbeat`)).status, 200);
    assert.equal((await call(`${api}/v1/nothing`)).status, 404);
  });

  it('removes a project worker it never registered, by id and by delete-all', async () => {
    const { api, backend } = await start({ config });
    const strayOne = await backend.create({
      functionName: 'lambda-echo',
      port: 18711,
      memoryBytes: undefined,
    });
    const strayTwo = await backend.create({
      functionName: 'lambda-echo',
      port: 18712,
      memoryBytes: undefined,
    });
    assert.deepEqual((await call(`${api}/v1/workers`)).body, { workers: [] }, 'unknown to the agent');
    assert.equal((await call(`${api}/v1/workers/${strayOne.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await backend.list()).map((w) => w.id),
      [strayTwo.id],
    );
    assert.equal((await call(`${api}/v1/workers`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await backend.list(), []);
  });

  it('keeps its workers over an agent restart and adopts them again', async () => {
    const first = await start({ config });
    const worker = await mustCreateWorker(first.api, 'lambda-echo');
    await first.agent.close();
    assert.equal(await answersOn(worker.port), true, 'closing the agent leaves the worker running');

    const second = await startOn(first.backend, config);
    started.push(second);
    const listed = (await call(`${second.api}/v1/workers`)).body as { workers: WorkerJson[] };
    assert.deepEqual(listed.workers, [worker]);
    // The adopted worker's port stays taken.
    const next = await mustCreateWorker(second.api, 'lambda-echo');
    assert.notEqual(next.port, worker.port);
    await call(`${second.api}/v1/workers`, { method: 'DELETE' });
    assert.equal(await answersOn(worker.port), false);
  });
});
