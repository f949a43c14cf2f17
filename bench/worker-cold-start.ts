/**
 * Worker cold start, three ways in the same run: a Docker worker container of the agent's backend, timed from
 * the create call to its first answer (`GET /health` 200, then the first `POST /invoke` of lambda-echo
 * answered). `node --import tsx` on the TypeScript sources; plain `node` on the bundle the testbed builds at
 * start; and a spare (README "Spare workers"): a container started on the bundle ahead of need and standing by,
 * whose create is the assignment of the function (memory limit, name, environment). Runs alternate, so all
 * see the same machine load.
 *
 *   node --import tsx bench/worker-cold-start.ts [--runs 9]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { buildWorkerBundle, WORKER_SOURCE_ENTRY } from '../testbed/build/worker-bundle.ts';
import { BASE_IMAGE, ensureBaseImage } from '../testbed/docker/base-image.ts';
import { REPO_ROOT } from '../testbed/docker/testbed-paths.ts';
import { createDockerBackend, DOCKER_SOCKET } from '../testbed/services/agent/docker-backend.ts';
import type { WorkerBackend, WorkerRecord } from '../testbed/services/agent/worker-backend.ts';
import { waitForWorkerHealth } from '../testbed/services/agent/worker-health.ts';
import { serviceEnvironment } from '../testbed/shared/service-env.ts';
import { STANDBY_PATH } from '../testbed/shared/worker-standby.ts';
import { freePort } from '../testbed/stack/free-port.ts';
import { startInProcessStack } from '../testbed/stack/in-process-stack.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a positive whole number');

interface Sample {
  readonly healthMs: number;
  readonly invokeMs: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Starts a spare on `port` and waits until it stands by (GET /standby 200), off the clock. */
async function readySpare(backend: WorkerBackend, port: number): Promise<WorkerRecord> {
  const spare = await backend.createSpare(port);
  const outcome = await waitForWorkerHealth({
    url: `http://127.0.0.1:${port}${STANDBY_PATH}`,
    timeoutMs: 60_000,
    intervalMs: 20,
    stillRunning: () => backend.isRunning(spare.id),
  });
  if (outcome !== 'healthy') throw new Error(`the spare ${outcome} before it stood by`);
  return spare;
}

const docker = new Dockerode({ socketPath: DOCKER_SOCKET });
await ensureBaseImage(docker);
// Real VictoriaLogs, stores and gateway addresses for the worker's environment; the workers themselves run
// in containers, as in the testbed.
const stack = await startInProcessStack();
// Under the project checkout: worker containers see only what is mounted from it.
mkdirSync(join(REPO_ROOT, '.testbed'), { recursive: true });
const bundleDir = mkdtempSync(join(REPO_ROOT, '.testbed', 'bench-worker-'));
const projectName = `esb-bench-cold-${process.pid}`;
try {
  const buildStarted = performance.now();
  const bundle = await buildWorkerBundle(bundleDir);
  const buildMs = performance.now() - buildStarted;
  const ways = {
    'tsx on sources': WORKER_SOURCE_ENTRY,
    'node on bundle': bundle,
    'spare on bundle': bundle,
  } as const;
  const samples: Record<keyof typeof ways, Sample[]> = {
    'tsx on sources': [],
    'node on bundle': [],
    'spare on bundle': [],
  };

  for (let run = 0; run < RUNS; run++) {
    for (const way of Object.keys(ways) as (keyof typeof ways)[]) {
      const backend = createDockerBackend({
        docker,
        image: BASE_IMAGE,
        repoPath: REPO_ROOT,
        projectName,
        serviceEnv: serviceEnvironment(stack.config),
        workerEntry: ways[way],
      });
      const port = await freePort();
      const launch = { functionName: 'lambda-echo', port, memoryBytes: 128 * 1024 * 1024 };
      // A spare is started and waits in standby before the clock starts, as the agent keeps it.
      const spare = way === 'spare on bundle' ? await readySpare(backend, port) : undefined;
      const started = performance.now();
      const worker = spare === undefined ? await backend.create(launch) : await backend.assign(spare, launch);
      try {
        const outcome = await waitForWorkerHealth({
          url: `http://127.0.0.1:${port}/health`,
          timeoutMs: 60_000,
          intervalMs: 20,
          stillRunning: () => backend.isRunning(worker.id),
        });
        if (outcome !== 'healthy')
          throw new Error(`${way}: the worker ${outcome} before it answered /health`);
        const healthMs = performance.now() - started;
        const response = await fetch(`http://127.0.0.1:${port}/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ body: JSON.stringify({ message: 'cold' }) }),
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${way}: the first invoke answered ${response.status}`);
        samples[way].push({ healthMs, invokeMs: performance.now() - started });
      } finally {
        await backend.remove(worker.id);
      }
    }
  }

  const old = samples['tsx on sources'];
  const fresh = samples['node on bundle'];
  const spared = samples['spare on bundle'];
  const row = (name: string, s: Sample[]) =>
    `${name.padEnd(16)}${median(s.map((x) => x.healthMs))
      .toFixed(0)
      .padStart(10)} ms${median(s.map((x) => x.invokeMs))
      .toFixed(0)
      .padStart(14)} ms`;
  console.log(
    `worker cold start, Docker backend, lambda-echo, ${RUNS} runs each (medians); bundle built in ${buildMs.toFixed(0)} ms`,
  );
  console.log(`${'way'.padEnd(16)}${'create→health'.padStart(13)}${'create→invoke'.padStart(17)}`);
  console.log(row('tsx on sources', old));
  console.log(row('node on bundle', fresh));
  console.log(row('spare on bundle', spared));
  const ratio = (a: Sample[], b: Sample[], pick: (s: Sample) => number) =>
    (median(a.map(pick)) / median(b.map(pick))).toFixed(1);
  const ratios = (a: Sample[], b: Sample[]) =>
    `${ratio(a, b, (s) => s.healthMs)}x to health, ${ratio(a, b, (s) => s.invokeMs)}x to the first answer`;
  console.log(`ratio tsx/bundle: ${ratios(old, fresh)}`);
  console.log(`ratio bundle/spare: ${ratios(fresh, spared)}`);
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
  await stack.close();
}
