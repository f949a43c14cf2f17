import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createProcessBackend } from '../../../testbed/services/agent/process-backend.ts';
import type { WorkerBackend, WorkerRecord } from '../../../testbed/services/agent/worker-backend.ts';
import { serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import { ASSIGN_PATH, STANDBY_PATH } from '../../../testbed/shared/worker-standby.ts';
import { processWorkerBundle } from '../../../testbed/stack/process-worker-bundle.ts';
import {
  type AgentUnderTest,
  call,
  createWorker,
  startOn,
  testConfig,
  type WorkerJson,
} from './agent-kit.ts';

// Spare workers (README "Spare workers") on the process backend, with the real worker runtime (the bundle the
// in-process stacks run): the standby protocol, and the agent handing spares out, refilling and cleaning up.
const config = testConfig({ mode: 'containerd', projectName: 'esb-spare-test', workerPorts: [18800, 18809] });
let bundle = '';
const agents: AgentUnderTest[] = [];

before(async () => {
  bundle = await processWorkerBundle();
});

after(async () => {
  for (const { agent } of agents) await agent.close({ removeWorkers: true });
});

function processBackend(): WorkerBackend {
  return createProcessBackend({
    projectName: config.projectName,
    serviceEnv: serviceEnvironment(config, new Set()),
    workerEntry: bundle,
    output: 'ignore',
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const standingBy = async (spare: WorkerRecord) =>
  (await call(`http://127.0.0.1:${spare.port}${STANDBY_PATH}`)).status === 200;

/** The backend's spares once the agent has `count` of them standing by. */
async function sparesStandingBy(running: AgentUnderTest, count: number): Promise<WorkerRecord[]> {
  return until(`${count} spares standing by`, async () => {
    if (running.agent.sparesReady() !== count) return undefined;
    const spares = (await running.backend.list()).filter((w) => w.functionName === '');
    if (spares.length !== count) return undefined;
    for (const spare of spares) if (!(await standingBy(spare))) return undefined;
    return spares;
  });
}

async function invoke(port: number, message: string): Promise<Record<string, unknown>> {
  const answer = await call(`http://127.0.0.1:${port}/invoke`, {
    method: 'POST',
    json: { body: JSON.stringify({ message }) },
  });
  assert.equal(answer.status, 200);
  const result = answer.body as { body: string };
  return JSON.parse(result.body) as Record<string, unknown>;
}

describe('a spare worker process (standby protocol)', () => {
  it('stands by without a function, refuses a body without one, then serves the function it is assigned', async () => {
    const backend = processBackend();
    const spare = await backend.createSpare(18800);
    try {
      await until('the spare to stand by', async () => ((await standingBy(spare)) ? true : undefined));
      assert.equal(spare.functionName, '');
      assert.match(spare.name, /^esb-spare-test-spare-[0-9a-f]{8}$/);
      // Not a worker yet: its health is not a worker's.
      assert.equal((await call(`http://127.0.0.1:${spare.port}/health`)).status, 503);
      const refused = await call(`http://127.0.0.1:${spare.port}${ASSIGN_PATH}`, {
        method: 'POST',
        json: { env: { WORKER_PORT: '18800' } },
      });
      assert.equal(refused.status, 400);

      const worker = await backend.assign(spare, {
        functionName: 'lambda-echo',
        port: spare.port,
        memoryBytes: 128 * 1024 * 1024,
      });
      assert.equal(worker.id, spare.id);
      assert.equal(worker.port, spare.port);
      assert.equal(worker.functionName, 'lambda-echo');
      assert.match(worker.name, /^esb-spare-test-worker-lambda-echo-[0-9a-f]{8}$/);
      assert.equal((await call(`http://127.0.0.1:${spare.port}/health`)).status, 200);
      const echo = await invoke(spare.port, 'from a spare');
      assert.equal(echo.message, 'Echo: from a spare');
      assert.deepEqual(
        (await backend.list()).map((w) => [w.id, w.functionName]),
        [[spare.id, 'lambda-echo']],
      );
      assert.equal((await backend.metrics(spare.id))?.memory_max, 134217728);
      // Assigned once: a second assignment reaches the worker, which knows no such route.
      const again = await call(`http://127.0.0.1:${spare.port}${ASSIGN_PATH}`, {
        method: 'POST',
        json: { env: { FUNCTION_NAME: 'lambda-chaos' } },
      });
      assert.equal(again.status, 404);
    } finally {
      await backend.remove(spare.id);
    }
  });
});

describe('the agent keeps spares and hands them out', () => {
  it('a create takes a standing spare, and a new spare starts behind it', async () => {
    const backend = processBackend();
    const running = await startOn(backend, config, new Set(), undefined, 2);
    agents.push(running);
    const spares = await sparesStandingBy(running, 2);

    const created = await createWorker(running.api, 'lambda-echo');
    assert.equal(created.status, 201);
    const worker = created.body as WorkerJson;
    assert.ok(
      spares.some((s) => s.id === worker.id && s.port === worker.port),
      'the worker is one of the spares',
    );
    assert.equal(worker.functionName, 'lambda-echo');
    assert.equal((await invoke(worker.port, 'taken')).message, 'Echo: taken');
    const refilled = await sparesStandingBy(running, 2);
    assert.ok(!refilled.some((s) => s.id === worker.id));

    // Delete-all removes workers, not spares; closing the agent removes its spares.
    assert.equal((await call(`${running.api}/v1/workers`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await backend.list()).map((w) => w.functionName),
      ['', ''],
    );
    await running.agent.close();
    assert.deepEqual(await backend.list(), []);
  });

  it('a spare that died is replaced by a cold start, and the create still succeeds', async () => {
    const backend = processBackend();
    const logged: string[] = [];
    const running = await startOn(backend, config, new Set(), undefined, 1, (m) => logged.push(m));
    agents.push(running);
    const [spare] = await sparesStandingBy(running, 1);
    // Behind the agent's back, as an engine killing the container would.
    await backend.remove(spare?.id ?? '');
    const created = await createWorker(running.api, 'lambda-echo');
    assert.equal(created.status, 201);
    const worker = created.body as WorkerJson;
    assert.notEqual(worker.id, spare?.id);
    assert.equal((await invoke(worker.port, 'cold')).message, 'Echo: cold');
    assert.ok(logged.includes('spare worker refused its function; starting one'), logged.join('\n'));
  });

  it('a restarted agent adopts assigned spares as workers and removes the unassigned ones', async () => {
    const backend = processBackend();
    const first = await startOn(backend, config, new Set(), undefined, 1);
    const [spare] = await sparesStandingBy(first, 1);
    const worker = (await createWorker(first.api, 'lambda-echo')).body as WorkerJson;
    assert.equal(worker.id, spare?.id);
    await sparesStandingBy(first, 1);
    // An agent that dies leaves its spares behind (close() would remove them): kill it by closing its servers
    // only, through a second agent that adopts without spares of its own.
    const second = await startOn(backend, config, new Set(), undefined, 0);
    agents.push(second, first);
    const listed = ((await call(`${second.api}/v1/workers`)).body as { workers: WorkerJson[] }).workers;
    assert.deepEqual(
      listed.map((w) => [w.id, w.functionName]),
      [[worker.id, 'lambda-echo']],
    );
    assert.deepEqual(
      (await backend.list()).map((w) => w.functionName),
      ['lambda-echo'],
    );
  });
});
