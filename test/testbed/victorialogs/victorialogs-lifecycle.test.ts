import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { LOG_FILE_NAME } from '../../../testbed/services/victorialogs/log-store.ts';
import { startVictoriaLogs } from '../../../testbed/services/victorialogs/victorialogs-server.ts';
import { createLogShipper } from '../../../testbed/shared/log-shipper.ts';
import { REPO_ROOT } from '../../helpers/project-copy.ts';
import { insertRecords, messages, queryLogs } from './victorialogs-client.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-victorialogs-'));
  tempDirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('VictoriaLogs persistence', () => {
  it('answers the same queries after a restart with the same data folder', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = await startVictoriaLogs({ port: 0, dataDir });
    const firstUrl = `http://127.0.0.1:${first.port}`;
    await insertRecords(firstUrl, [
      { message: 'kept 1', container_name: 'lambda-echo', job: 'lambda', _time: '2026-04-01T00:00:02Z' },
      { message: 'kept 0', container_name: 'lambda-echo', job: 'lambda', _time: '2026-04-01T00:00:01Z' },
    ]);
    const beforeRestart = await queryLogs(firstUrl, { query: 'container_name:"lambda-echo"' });
    await first.close();

    const second = await startVictoriaLogs({ port: 0, dataDir });
    const secondUrl = `http://127.0.0.1:${second.port}`;
    try {
      const afterRestart = await queryLogs(secondUrl, { query: 'container_name:"lambda-echo"' });
      assert.deepEqual(afterRestart.hits, beforeRestart.hits);
      assert.deepEqual(
        afterRestart.hits.map((hit) => hit._msg),
        ['kept 0', 'kept 1'],
      );
      await insertRecords(secondUrl, [{ message: 'kept 2', container_name: 'lambda-echo', job: 'lambda' }]);
      assert.deepEqual(await messages(secondUrl, 'container_name:"lambda-echo"'), [
        'kept 0',
        'kept 1',
        'kept 2',
      ]);
    } finally {
      await second.close();
    }
    assert.equal(readFileSync(join(dataDir, LOG_FILE_NAME), 'utf8').trim().split('\n').length, 3);
  });

  it('skips a torn last line and keeps appending on lines of their own', async () => {
    const dataDir = tempDir();
    const first = await startVictoriaLogs({ port: 0, dataDir });
    await insertRecords(`http://127.0.0.1:${first.port}`, [{ message: 'whole', job: 'torn' }]);
    await first.close();
    appendFileSync(join(dataDir, LOG_FILE_NAME), '{"_time":"2026-04-01T00:00:0'); // a crash mid-write

    const second = await startVictoriaLogs({ port: 0, dataDir });
    const secondUrl = `http://127.0.0.1:${second.port}`;
    await insertRecords(secondUrl, [{ message: 'after crash', job: 'torn' }]);
    await second.close();

    const third = await startVictoriaLogs({ port: 0, dataDir });
    try {
      assert.deepEqual(await messages(`http://127.0.0.1:${third.port}`, 'job:torn'), [
        'whole',
        'after crash',
      ]);
    } finally {
      await third.close();
    }
  });
});

describe('VictoriaLogs fault switches', () => {
  it('vl-health-down makes /health answer 503 while queries still work', async () => {
    const server = await startVictoriaLogs({ port: 0, faults: new Set(['vl-health-down']) });
    const url = `http://127.0.0.1:${server.port}`;
    try {
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 503);
      await health.arrayBuffer();
      await insertRecords(url, [{ message: 'still stored', job: 'lambda' }]);
      assert.deepEqual(await messages(url, 'job:lambda'), ['still stored']);
    } finally {
      await server.close();
    }
  });

  it('vl-phrase-as-equality makes field filters compare whole values', async () => {
    const server = await startVictoriaLogs({ port: 0, faults: new Set(['vl-phrase-as-equality']) });
    const url = `http://127.0.0.1:${server.port}`;
    try {
      await insertRecords(url, [
        { message: 'python', container_name: 'lambda-echo', trace_id: 'Root=1-abc-def;Sampled=1' },
        { message: 'java', container_name: 'lambda-echo-java', trace_id: '1-abc-def' },
      ]);
      assert.deepEqual(await messages(url, 'trace_id:"1-abc-def"'), ['java']);
      assert.deepEqual(await messages(url, 'container_name:"lambda-echo"'), ['python']);
    } finally {
      await server.close();
    }
  });
});

describe('VictoriaLogs with the testbed log shipper', () => {
  it('stores what createLogShipper sends, with message as _msg', async () => {
    const server = await startVictoriaLogs({ port: 0 });
    const url = `http://127.0.0.1:${server.port}`;
    try {
      const shipper = createLogShipper({ url, echo: false, intervalMs: 60_000 });
      const trace = 'Root=1-5f000000-aaaaaaaaaaaaaaaaaaaaaaaa;Sampled=1';
      shipper.ship({
        message: 'GET /api/echo 200',
        container_name: 'esb-gateway',
        job: 'services',
        trace_id: trace,
        level: 'INFO',
        status: 200,
      });
      shipper.ship({
        message: 'Echo: shipped',
        container_name: 'lambda-echo',
        job: 'lambda',
        trace_id: trace,
        _time: '2026-05-01T00:00:00.5Z',
      });
      await shipper.flush();
      const answer = await queryLogs(url, {
        query: 'trace_id:"1-5f000000-aaaaaaaaaaaaaaaaaaaaaaaa"',
        limit: '100',
      });
      assert.equal(answer.status, 200);
      const byContainer = new Map(answer.hits.map((hit) => [hit.container_name, hit]));
      assert.equal(byContainer.get('esb-gateway')?._msg, 'GET /api/echo 200');
      assert.equal(byContainer.get('esb-gateway')?._stream, '{container_name="esb-gateway",job="services"}');
      assert.equal(byContainer.get('esb-gateway')?.status, '200');
      assert.equal(byContainer.get('esb-gateway')?.message, undefined, 'message became _msg');
      assert.equal(byContainer.get('lambda-echo')?._time, '2026-05-01T00:00:00.500Z');
    } finally {
      await server.close();
    }
  });
});

describe('VictoriaLogs main entry point', () => {
  // The timeout turns a child that dies before its start line into a failure instead of a hang.
  it('starts from the environment, logs one JSON line, and exits 0 on SIGTERM', {
    timeout: 30_000,
  }, async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'testbed/services/victorialogs/main.ts')],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          VICTORIALOGS_PORT: '0',
          DATA_DIR: dataDir,
          ESB_TESTBED_FAULTS: 'vl-health-down',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = once(child, 'exit');
    try {
      const lines = createInterface({ input: child.stdout });
      const [firstLine] = (await once(lines, 'line')) as [string];
      const started = JSON.parse(firstLine) as { url: string; dataDir: string; faults: string[] };
      assert.equal(started.dataDir, dataDir);
      assert.deepEqual(started.faults, ['vl-health-down']);
      assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${started.url}/health`);
      assert.equal(health.status, 503);
      await health.arrayBuffer();
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
