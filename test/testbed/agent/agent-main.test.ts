import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import { REPO_ROOT, testConfig } from './agent-kit.ts';

/** A port nothing listens on right now (the kernel's choice), for a process that takes its ports from env. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('agent main', () => {
  let child: ChildProcess | undefined;
  after(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('runs as the process named agent, serves both ports, and exits 0 on SIGTERM', async () => {
    const [agentPort, metricsPort] = [await freePort(), await freePort()];
    const config = testConfig({
      mode: 'docker',
      projectName: 'esb-agent-main-test',
      workerPorts: [18750, 18751],
    });
    const env = {
      ...serviceEnvironment(config),
      AGENT_PORT: String(agentPort),
      AGENT_METRICS_PORT: String(metricsPort),
      // The engine is only asked for existing workers here; no worker is started.
      ESB_TESTBED_IMAGE: 'esb-agent-test:unused',
      ESB_TESTBED_REPO: REPO_ROOT,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
    };
    const started = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'testbed', 'services', 'agent', 'main.ts')],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

    const heartbeat = await waitFor(`http://127.0.0.1:${agentPort}/v1/heartbeat`, 15_000);
    assert.equal(heartbeat.status, 200, output);
    await heartbeat.arrayBuffer();
    assert.equal(readFileSync(`/proc/${started.pid}/comm`, 'utf8'), 'agent\n');
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.match(await metrics.text(), /grpc_server_handled_total\{grpc_code="OK",grpc_method="Heartbeat"/);

    started.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.match(output, /"message":"agent listening"/);
  });
});
