import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWorkerBundle, WORKER_BUNDLE_FILE } from '../../../testbed/build/worker-bundle.ts';
import { FUNCTION_HANDLERS } from '../../../testbed/functions/handlers/index.ts';
import { startAgent } from '../../../testbed/services/agent/agent-server.ts';
import { createProcessBackend } from '../../../testbed/services/agent/process-backend.ts';
import { waitForWorkerHealth } from '../../../testbed/services/agent/worker-health.ts';
import { serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import { fixtureEntry, mustCreateWorker, testConfig } from './agent-kit.ts';

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

  /** Starts the bundle for one fixture from a folder with no node_modules above it; logs every module it loads. */
  async function startFromBundle(
    bundle: string,
    functionName: string,
    port: number,
  ): Promise<{ loaded: () => string[]; stop: () => Promise<void> }> {
    const cwd = mkdtempSync(join(tmpdir(), 'esb-bundle-cwd-'));
    dirs.push(cwd);
    const loadedLog = join(cwd, 'loaded.txt');
    writeFileSync(loadedLog, '');
    const hook = join(cwd, 'log-loads.mjs');
    writeFileSync(
      hook,
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function load(url, context, next) {\n' +
        '  appendFileSync(process.env.LOADED_LOG, `${url}\\n`);\n' +
        '  return next(url, context);\n}\n',
    );
    const register = join(cwd, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
    );
    const child = spawn(process.execPath, ['--import', register, bundle], {
      cwd,
      env: {
        ...serviceEnvironment(config),
        FUNCTION_NAME: functionName,
        WORKER_PORT: String(port),
        LOADED_LOG: loadedLog,
        PATH: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async (): Promise<void> => {
      child.kill('SIGKILL');
      await exited;
    };
    const outcome = await waitForWorkerHealth({
      url: `http://127.0.0.1:${port}/health`,
      timeoutMs: 30_000,
      intervalMs: 20,
      stillRunning: async () => child.exitCode === null,
    });
    if (outcome !== 'healthy') {
      await stop();
      assert.fail(`${functionName} from the bundle: ${outcome}\n${stderr}`);
    }
    const loaded = (): string[] =>
      readFileSync(loadedLog, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:'))
        .map((url) => fileURLToPath(url));
    return { loaded, stop };
  }

  it('runs with plain node outside the project: every import is inside the bundle folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'esb-bundle-test-'));
    dirs.push(out);
    const bundle = await buildWorkerBundle(out);
    assert.equal(bundle, join(out, WORKER_BUNDLE_FILE));
    const worker = await startFromBundle(bundle, 'lambda-echo', 18793);
    try {
      const response = await fetch('http://127.0.0.1:18793/invoke', {
        method: 'POST',
        body: JSON.stringify({ body: JSON.stringify({ message: 'from the bundle' }) }),
      });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { statusCode: number; body: string };
      assert.equal(answer.statusCode, 200);
      assert.match(answer.body, /from the bundle/);
      for (const file of worker.loaded()) assert.ok(file.startsWith(out), `${file} is outside ${out}`);
    } finally {
      await worker.stop();
    }
  });

  it('loads only what its fixture needs: no AWS SDK or undici for lambda-echo, the SDK for lambda-s3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'esb-bundle-test-'));
    dirs.push(out);
    const bundle = await buildWorkerBundle(out);
    // The bundle is not minified: esbuild heads each dependency's code with a `// node_modules/<path>` line.
    const packagesIn = (files: string[]): Set<string> => {
      const found = new Set<string>();
      for (const file of files)
        for (const match of readFileSync(file, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)/gm))
          found.add(match[1] as string);
      return found;
    };
    const echo = await startFromBundle(bundle, 'lambda-echo', 18793);
    try {
      assert.deepEqual([...packagesIn(echo.loaded())], []);
    } finally {
      await echo.stop();
    }
    assert.equal(FUNCTION_HANDLERS['lambda-s3']?.usesAws, true);
    const s3 = await startFromBundle(bundle, 'lambda-s3', 18792);
    try {
      const packages = packagesIn(s3.loaded());
      assert.ok(packages.has('@aws-sdk/client-s3'), [...packages].join(', '));
      assert.ok(!packages.has('undici'), [...packages].join(', '));
    } finally {
      await s3.stop();
    }
  });
});

describe('worker start by readiness (agent)', () => {
  it('hands out a worker that took longer than the slow-start mark, and logs the start as slow', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const backend = createProcessBackend({
      projectName: config.projectName,
      serviceEnv: { ...serviceEnvironment(config), SLOW_WORKER_DELAY_MS: '600' },
      workerEntry: await fixtureEntry('slow'),
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
