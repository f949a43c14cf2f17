import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildWorkerBundle, WORKER_BUNDLE_FILE } from '../../../testbed/build/worker-bundle.ts';
import { startAgent } from '../../../testbed/services/agent/agent-server.ts';
import { createProcessBackend } from '../../../testbed/services/agent/process-backend.ts';
import { waitForWorkerHealth } from '../../../testbed/services/agent/worker-health.ts';
import { serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import { FIXTURE, mustCreateWorker, testConfig } from './agent-kit.ts';

const config = testConfig({
  mode: 'docker',
  projectName: 'esb-worker-start-test',
  workerPorts: [18790, 18793],
});

describe('worker runtime bundle (testbed/build/worker-bundle.ts)', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is one self-contained file that plain node runs outside the project', async () => {
    const out = mkdtempSync(join(tmpdir(), 'esb-bundle-test-'));
    dirs.push(out);
    const bundle = await buildWorkerBundle(out);
    assert.deepEqual(readdirSync(out), [WORKER_BUNDLE_FILE]);
    // Run from a folder with no node_modules above it: every import must be inside the bundle.
    const cwd = mkdtempSync(join(tmpdir(), 'esb-bundle-cwd-'));
    dirs.push(cwd);
    const port = 18793;
    const child = spawn(process.execPath, [bundle], {
      cwd,
      env: {
        ...serviceEnvironment(config),
        FUNCTION_NAME: 'lambda-echo',
        WORKER_PORT: String(port),
        PATH: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const outcome = await waitForWorkerHealth({
        url: `http://127.0.0.1:${port}/health`,
        timeoutMs: 30_000,
        intervalMs: 20,
        stillRunning: async () => child.exitCode === null,
      });
      assert.equal(outcome, 'healthy', stderr);
      const response = await fetch(`http://127.0.0.1:${port}/invoke`, {
        method: 'POST',
        body: JSON.stringify({ body: JSON.stringify({ message: 'from the bundle' }) }),
      });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { statusCode: number; body: string };
      assert.equal(answer.statusCode, 200);
      assert.match(answer.body, /from the bundle/);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});

describe('worker start by readiness (agent)', () => {
  it('hands out a worker that took longer than the slow-start mark, and logs the start as slow', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const backend = createProcessBackend({
      projectName: config.projectName,
      serviceEnv: { ...serviceEnvironment(config), SLOW_WORKER_DELAY_MS: '600' },
      workerEntry: FIXTURE.slow,
      output: 'ignore',
    });
    const agent = await startAgent({
      port: 0,
      metricsPort: 0,
      config,
      backend,
      slowStartMs: 300,
      log: (message, fields) => logged.push({ message, fields }),
    });
    try {
      const worker = await mustCreateWorker(`http://127.0.0.1:${agent.port}`, 'lambda-echo');
      assert.equal(worker.functionName, 'lambda-echo');
      const slow = logged.find((entry) => entry.message === 'slow worker start');
      assert.ok(slow, `no slow-start line among ${JSON.stringify(logged)}`);
      assert.equal(slow.fields?.function, 'lambda-echo');
      assert.equal(slow.fields?.outcome, 'healthy');
      assert.ok(Number(slow.fields?.startMs) >= 600, `start took ${slow.fields?.startMs} ms`);
    } finally {
      await agent.close({ removeWorkers: true });
    }
  });
});
