import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startWorker } from '../../../testbed/services/worker/worker-server.ts';
import { REPO_ROOT } from '../../helpers/project-copy.ts';
import {
  invokeWorker,
  newTestTrace,
  serviceEnv,
  startWorkerHarness,
  type TestWorker,
  tracedHeaders,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;
let echo: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  echo = await harness.start('lambda-echo');
});
after(() => harness.close());

describe('worker HTTP protocol (README "Worker protocol")', () => {
  test('GET /health answers 200', async () => {
    const response = await fetch(`http://127.0.0.1:${echo.port}/health`);
    assert.equal(response.status, 200);
    await response.arrayBuffer();
  });

  test('other paths are 404', async () => {
    const response = await fetch(`http://127.0.0.1:${echo.port}/nope`, { method: 'POST' });
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });

  test('an event that is not JSON is an Unhandled function error', async () => {
    const answer = await echo.invoke('{not json');
    assert.equal(answer.status, 200);
    assert.equal(answer.functionError, 'Unhandled');
    assert.equal((answer.json as { errorType: string }).errorType, 'Runtime.UnmarshalError');
    await harness.takeRecords();
  });

  test('an empty body is the empty event', async () => {
    const answer = await echo.invoke('');
    assert.equal(JSON.parse((answer.json as { body: string }).body).message, 'Echo: Hello');
    await harness.takeRecords();
  });

  test('an unknown function does not start', async () => {
    await assert.rejects(
      startWorker({ functionName: 'lambda-nope', port: 0, config: harness.config, faults: new Set() }),
      /unknown fixture function 'lambda-nope'/,
    );
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `main.ts` as the agent does: the service environment plus FUNCTION_NAME and WORKER_PORT. */
async function spawnWorkerProcess(
  functionName: string,
): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'testbed/services/worker/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...serviceEnv(harness.ports),
      FUNCTION_NAME: functionName,
      WORKER_PORT: String(port),
    },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`worker exited early with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('worker did not become healthy');
    }
    await delay(100);
  }
  return { child, port, exited };
}

describe('worker process (main.ts)', () => {
  test('lambda-chaos crash: the process exits with status 1 before answering; its last lines are shipped', async () => {
    const { port, exited } = await spawnWorkerProcess('lambda-chaos');
    await harness.takeRecords();
    const trace = newTestTrace();
    await assert.rejects(invokeWorker(port, { action: 'crash' }, tracedHeaders(trace.header)));
    assert.equal(await exited, 1);
    const records = await harness.takeRecords();
    assert.deepEqual(
      records.filter((r) => r.container_name === 'lambda-chaos').map((r) => [r.level, r.message, r.trace_id]),
      [
        ['DEBUG', `Hydrated _X_AMZN_TRACE_ID: ${trace.header}`, trace.header],
        ['DEBUG', "DEBUG: Processing action='crash'", trace.header],
        ['DEBUG', 'DEBUG: CRASHING NOW', trace.header],
      ],
    );
  });

  test('SIGTERM stops the process with status 0', async () => {
    const { child, port, exited } = await spawnWorkerProcess('lambda-chaos');
    const answer = await invokeWorker(port, { action: 'hello' });
    assert.equal(JSON.parse((answer.json as { body: string }).body).message, 'Faulty Lambda is OK');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    await harness.takeRecords();
  });
});
