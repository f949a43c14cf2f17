import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import { after, describe, it } from 'node:test';
import {
  type AgentUnderTest,
  call,
  invokeWorker,
  mustCreateWorker,
  startProcessAgent,
  testConfig,
} from './agent-kit.ts';

const ports = [18720, 18724] as const;
const containerd = testConfig({
  mode: 'containerd',
  projectName: 'esb-agent-metrics-test',
  workerPorts: ports,
});
const docker = testConfig({ mode: 'docker', projectName: 'esb-agent-metrics-test', workerPorts: ports });

const METRICS_FIELDS = [
  'collected_at',
  'container_id',
  'container_name',
  'cpu_usage_ns',
  'exit_code',
  'exit_time',
  'function_name',
  'memory_current',
  'memory_max',
  'oom_events',
  'restart_count',
  'state',
];

describe('GET /v1/workers/<id>/metrics', () => {
  const started: AgentUnderTest[] = [];
  const start = async (options: Parameters<typeof startProcessAgent>[0]) => {
    const running = await startProcessAgent(options);
    started.push(running);
    return running;
  };
  after(async () => {
    for (const { agent } of started) await agent.close({ removeWorkers: true });
  });

  it('answers 501 "metrics not implemented" in docker mode', async () => {
    const { api } = await start({ config: docker });
    const worker = await mustCreateWorker(api, 'lambda-echo');
    const reply = await call(`${api}/v1/workers/${worker.id}/metrics`);
    assert.equal(reply.status, 501);
    assert.deepEqual(reply.body, { message: 'metrics not implemented' });
  });

  it('answers the contract fields in containerd mode: lambda-echo has memory_max 134217728', async () => {
    const { api } = await start({ config: containerd });
    const worker = await mustCreateWorker(api, 'lambda-echo');
    const reply = await call(`${api}/v1/workers/${worker.id}/metrics`);
    assert.equal(reply.status, 200);
    const metrics = reply.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(metrics).sort(), METRICS_FIELDS);
    assert.equal(metrics.memory_max, 134217728);
    assert.equal(metrics.state, 'RUNNING');
    assert.equal(metrics.container_id, worker.id);
    assert.equal(metrics.container_name, worker.name);
    assert.equal(metrics.function_name, 'lambda-echo');
    assert.ok(
      typeof metrics.memory_current === 'number' && metrics.memory_current > 0,
      'resident memory read',
    );
    assert.ok(typeof metrics.cpu_usage_ns === 'number' && metrics.cpu_usage_ns > 0, 'CPU time read');
    assert.equal(metrics.exit_code, 0);
    assert.equal(metrics.exit_time, null);
    assert.equal(metrics.restart_count, 0);
    assert.equal(metrics.oom_events, 0);
    assert.ok(!Number.isNaN(Date.parse(String(metrics.collected_at))));
  });

  it('reports no limit for lambda-image as the whole machine', async () => {
    const { api } = await start({ config: containerd });
    const worker = await mustCreateWorker(api, 'lambda-image');
    const metrics = (await call(`${api}/v1/workers/${worker.id}/metrics`)).body as Record<string, unknown>;
    assert.equal(metrics.memory_max, totalmem());
  });

  it('reports a worker that crashed as STOPPED with its exit code and time', async () => {
    const { api } = await start({ config: containerd });
    const worker = await mustCreateWorker(api, 'lambda-chaos');
    await invokeWorker(worker, { exit: 1 }).catch(() => undefined);
    let metrics: Record<string, unknown> = {};
    for (let i = 0; i < 100 && metrics.state !== 'STOPPED'; i++) {
      metrics = (await call(`${api}/v1/workers/${worker.id}/metrics`)).body as Record<string, unknown>;
      if (metrics.state !== 'STOPPED') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(metrics.state, 'STOPPED');
    assert.equal(metrics.exit_code, 1);
    assert.ok(!Number.isNaN(Date.parse(String(metrics.exit_time))));
  });

  it('answers 404 for an unknown worker in containerd mode', async () => {
    const { api } = await start({ config: containerd });
    assert.equal((await call(`${api}/v1/workers/no-such-worker/metrics`)).status, 404);
  });

  it('fault wrong-memory-limit: workers get 256 MiB, visible as memory_max 268435456', async () => {
    const { api } = await start({ config: containerd, faults: new Set(['wrong-memory-limit']) });
    const worker = await mustCreateWorker(api, 'lambda-echo');
    const metrics = (await call(`${api}/v1/workers/${worker.id}/metrics`)).body as Record<string, unknown>;
    assert.equal(metrics.memory_max, 268435456);
    // The worker learns the active faults too, as every service does.
    assert.equal((await invokeWorker(worker)).faults, 'wrong-memory-limit');
  });
});
