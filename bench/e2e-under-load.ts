/**
 * The full matrix on a busy machine: `npm run e2e` with CPU-bound processes running beside it (two by
 * default, one per core here), repeated; prints each run's outcome and wall time and the median.
 *
 *   node --import tsx bench/e2e-under-load.ts [--runs 5] [--burners 2]
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../testbed/docker/testbed-paths.ts';
import { intArg, startCpuBurners } from './cpu-load.ts';

const RUNS = intArg('--runs', 5);
const BURNERS = intArg('--burners', 2);

function e2e(): Promise<{ code: number; seconds: number; summary: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'e2e'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        summary: /e2e: [^\n]+/.exec(tail)?.[0] ?? tail.trim().split('\n').slice(-3).join(' | '),
      }),
    );
  });
}

const stopBurners = startCpuBurners(BURNERS);
const results = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const result = await e2e();
    results.push(result);
    console.log(
      `run ${run}/${RUNS}: exit ${result.code} in ${result.seconds.toFixed(0)} s (${result.summary})`,
    );
  }
} finally {
  stopBurners();
}
const times = results.map((r) => r.seconds).sort((a, b) => a - b);
const failed = results.filter((r) => r.code !== 0).length;
console.log(
  `e2e with ${BURNERS} CPU-bound processes beside it: ${RUNS - failed}/${RUNS} runs green, median wall ${times[Math.floor(times.length / 2)]?.toFixed(0)} s`,
);
process.exitCode = failed === 0 ? 0 : 1;
