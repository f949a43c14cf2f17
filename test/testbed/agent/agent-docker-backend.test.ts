import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Dockerode from 'dockerode';
import { WORKER_SOURCE_ENTRY } from '../../../testbed/build/worker-bundle.ts';
import type { FaultName } from '../../../testbed/faults/fault-table.ts';
import { createDockerBackend, DOCKER_SOCKET } from '../../../testbed/services/agent/docker-backend.ts';
import type { WorkerBackend } from '../../../testbed/services/agent/worker-backend.ts';
import { serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import {
  type AgentUnderTest,
  call,
  createWorker,
  FIXTURE,
  invokeWorker,
  mustCreateWorker,
  REPO_ROOT,
  startOn,
  testConfig,
} from './agent-kit.ts';
import { buildTestImage } from './docker-test-image.ts';

const noDocker = existsSync(DOCKER_SOCKET) ? false : `no Docker engine: ${DOCKER_SOCKET} does not exist`;
if (noDocker) console.log(`# skipping the Docker backend tests: ${noDocker}`);

const projectName = `esb-agent-docker-test-${randomBytes(3).toString('hex')}`;
const repo = resolve(REPO_ROOT);
const ports = [18740, 18745] as const;
const containerd = testConfig({ mode: 'containerd', projectName, workerPorts: ports });

async function gone(docker: Dockerode, id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect();
    return false;
  } catch (error) {
    return (error as { statusCode?: number }).statusCode === 404;
  }
}

describe('Docker worker backend against the real engine', { skip: noDocker }, () => {
  const docker = new Dockerode({ socketPath: DOCKER_SOCKET });
  let image = '';
  const agents: AgentUnderTest[] = [];

  const backend = (faults: ReadonlySet<FaultName> = new Set(), imageName = image): WorkerBackend =>
    createDockerBackend({
      docker,
      image: imageName,
      repoPath: repo,
      projectName,
      serviceEnv: serviceEnvironment(containerd, faults),
      workerEntry: FIXTURE.echo,
    });
  const start = async (faults: ReadonlySet<FaultName> = new Set(), imageName = image) => {
    const running = await startOn(backend(faults, imageName), containerd, faults);
    agents.push(running);
    return running;
  };

  before(async () => {
    image = await buildTestImage(docker, 'esb-agent-test');
  });

  after(async () => {
    for (const { agent } of agents) await agent.close();
    // Every container of this test's project, whoever created it, then the image.
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`esb.testbed.owner=${projectName}`] },
    });
    for (const c of left) await docker.getContainer(c.Id).remove({ force: true });
    if (image !== '') await docker.getImage(image).remove({ force: true });
  });

  it('runs a worker container with init, host network, the memory limit, mounts and labels', async () => {
    const { api } = await start();
    const worker = await mustCreateWorker(api, 'lambda-echo');
    assert.match(worker.name, new RegExp(`^${projectName}-worker-lambda-echo-[0-9a-f]{8}$`));

    const info = await docker.getContainer(worker.id).inspect();
    assert.equal(info.Name, `/${worker.name}`);
    assert.equal(info.State.Running, true);
    assert.equal(info.HostConfig.Init, true);
    assert.equal(info.HostConfig.NetworkMode, 'host');
    assert.equal(info.HostConfig.Memory, 134217728);
    assert.deepEqual(info.HostConfig.Binds, ['/usr:/usr:ro', `${repo}:${repo}:ro`]);
    assert.equal(info.Config.Image, image);
    assert.equal(info.Config.WorkingDir, repo);
    assert.deepEqual(info.Config.Cmd, ['/usr/bin/node', '--import', 'tsx', FIXTURE.echo]);
    assert.equal(info.Config.Labels['com.docker.compose.project'], projectName);
    assert.equal(info.Config.Labels['esb.testbed.role'], 'worker');
    assert.equal(info.Config.Labels['esb.testbed.function'], 'lambda-echo');
    assert.equal(info.Config.Labels['esb.testbed.owner'], projectName);
    assert.ok(info.Config.Env.includes('FUNCTION_NAME=lambda-echo'));
    assert.ok(info.Config.Env.includes(`WORKER_PORT=${worker.port}`));
    assert.ok(info.Config.Env.includes(`PROJECT_NAME=${projectName}`));

    // Host networking: the worker inside the container answers on the host's loopback.
    const answer = await invokeWorker(worker);
    assert.equal(answer.functionName, 'lambda-echo');
    assert.equal(answer.port, worker.port);

    assert.equal((await call(`${api}/v1/workers/${worker.id}`, { method: 'DELETE' })).status, 204);
    assert.ok(await gone(docker, worker.id), 'the container is removed');
  });

  it('answers containerd metrics from inspect and stats: memory_max 134217728 for lambda-echo', async () => {
    const { api } = await start();
    const worker = await mustCreateWorker(api, 'lambda-echo');
    const reply = await call(`${api}/v1/workers/${worker.id}/metrics`);
    assert.equal(reply.status, 200);
    const metrics = reply.body as Record<string, unknown>;
    assert.equal(metrics.memory_max, 134217728);
    assert.equal(metrics.state, 'RUNNING');
    assert.equal(metrics.container_id, worker.id);
    assert.equal(metrics.container_name, worker.name);
    assert.equal(metrics.function_name, 'lambda-echo');
    assert.ok(typeof metrics.memory_current === 'number' && metrics.memory_current > 0);
    assert.ok(typeof metrics.cpu_usage_ns === 'number' && metrics.cpu_usage_ns > 0);
    assert.equal(metrics.exit_time, null);
    assert.equal(metrics.restart_count, 0);
    await call(`${api}/v1/workers/${worker.id}`, { method: 'DELETE' });
  });

  it('reports a crashed worker container as STOPPED with its exit code', async () => {
    const { api } = await start();
    const worker = await mustCreateWorker(api, 'lambda-chaos');
    await invokeWorker(worker, { exit: 3 }).catch(() => undefined);
    await docker.getContainer(worker.id).wait();
    const metrics = (await call(`${api}/v1/workers/${worker.id}/metrics`)).body as Record<string, unknown>;
    assert.equal(metrics.state, 'STOPPED');
    assert.equal(metrics.exit_code, 3);
    assert.ok(!Number.isNaN(Date.parse(String(metrics.exit_time))));
    assert.equal(metrics.memory_max, 134217728);
    await call(`${api}/v1/workers/${worker.id}`, { method: 'DELETE' });
    assert.ok(await gone(docker, worker.id));
  });

  it('gives lambda-image no limit, and 256 MiB under fault wrong-memory-limit', async () => {
    const plain = await start();
    const imageWorker = await mustCreateWorker(plain.api, 'lambda-image');
    assert.equal((await docker.getContainer(imageWorker.id).inspect()).HostConfig.Memory, 0);
    await call(`${plain.api}/v1/workers`, { method: 'DELETE' });

    const faulty = await start(new Set(['wrong-memory-limit']));
    const worker = await mustCreateWorker(faulty.api, 'lambda-echo');
    assert.equal((await docker.getContainer(worker.id).inspect()).HostConfig.Memory, 268435456);
    const metrics = (await call(`${faulty.api}/v1/workers/${worker.id}/metrics`)).body as Record<
      string,
      unknown
    >;
    assert.equal(metrics.memory_max, 268435456);
    await call(`${faulty.api}/v1/workers`, { method: 'DELETE' });
    assert.ok(await gone(docker, worker.id));
  });

  it('adopts the project containers after an agent restart; delete-all removes them', async () => {
    const first = await start();
    const worker = await mustCreateWorker(first.api, 'lambda-echo');
    await first.agent.close();
    assert.equal((await docker.getContainer(worker.id).inspect()).State.Running, true, 'worker survives');

    const second = await start();
    const listed = (await call(`${second.api}/v1/workers`)).body as { workers: unknown[] };
    assert.deepEqual(listed.workers, [worker]);
    assert.equal((await invokeWorker(worker)).functionName, 'lambda-echo');

    assert.equal((await call(`${second.api}/v1/workers`, { method: 'DELETE' })).status, 204);
    assert.ok(await gone(docker, worker.id));
  });

  it('hands out a spare container: renamed, limited and serving the function on its port; closing removes spares', async () => {
    // The real worker runtime (the fixture worker has no standby mode), from its sources through tsx.
    const spareBackend = createDockerBackend({
      docker,
      image,
      repoPath: repo,
      projectName,
      serviceEnv: serviceEnvironment(containerd, new Set()),
      workerEntry: WORKER_SOURCE_ENTRY,
    });
    const running = await startOn(spareBackend, containerd, new Set(), undefined, 1);
    agents.push(running);
    const deadline = Date.now() + 60_000;
    while (running.agent.sparesReady() < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const [spare] = (await spareBackend.list()).filter((w) => w.functionName === '');
    assert.ok(spare !== undefined, 'a spare container stands by');
    assert.match(spare.name, new RegExp(`^${projectName}-spare-[0-9a-f]{8}$`));
    const before = await docker.getContainer(spare.id).inspect();
    assert.equal(before.HostConfig.Memory, 0);
    assert.ok(before.Config.Env.includes('WORKER_STANDBY=1'));

    const worker = await mustCreateWorker(running.api, 'lambda-echo');
    assert.equal(worker.id, spare.id);
    assert.equal(worker.port, spare.port);
    assert.equal(worker.name, `${projectName}-worker-lambda-echo-${spare.name.slice(-8)}`);
    const info = await docker.getContainer(worker.id).inspect();
    assert.equal(info.Name, `/${worker.name}`);
    assert.equal(info.HostConfig.Memory, 134217728);
    // Labels cannot change: the function of an assigned spare is read from its name, also after a restart.
    assert.equal(info.Config.Labels['esb.testbed.function'], '');
    assert.deepEqual(
      (await spareBackend.list()).filter((w) => w.id === worker.id).map((w) => w.functionName),
      ['lambda-echo'],
    );
    const answer = await call(`http://127.0.0.1:${worker.port}/invoke`, {
      method: 'POST',
      json: { body: JSON.stringify({ message: 'from a spare container' }) },
    });
    assert.equal(answer.status, 200);
    assert.match(JSON.stringify(answer.body), /Echo: from a spare container/);
    const metrics = await call(`${running.api}/v1/workers/${worker.id}/metrics`);
    assert.equal((metrics.body as { function_name: string }).function_name, 'lambda-echo');
    assert.equal((metrics.body as { memory_max: number }).memory_max, 134217728);

    // A new spare started behind it; closing the agent removes it, not the worker.
    while (running.agent.sparesReady() < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const [next] = (await spareBackend.list()).filter((w) => w.functionName === '');
    assert.ok(next !== undefined && next.id !== worker.id, 'a new spare stands by');
    await running.agent.close();
    assert.ok(await gone(docker, next.id));
    assert.equal((await docker.getContainer(worker.id).inspect()).State.Running, true);
    await docker.getContainer(worker.id).remove({ force: true });
  });

  it('answers 503 and leaves no container when the image does not exist', async () => {
    const { api } = await start(new Set(), 'esb-agent-test:no-such-tag');
    const reply = await createWorker(api, 'lambda-echo');
    assert.equal(reply.status, 503);
    assert.match((reply.body as { message: string }).message, /cannot start a worker for lambda-echo/);
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`esb.testbed.owner=${projectName}`] },
    });
    assert.deepEqual(left, []);
  });
});
