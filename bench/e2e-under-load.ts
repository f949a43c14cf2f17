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
    let pending = '';
    const failed: string[] = [];
    let inFailures = false;
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-4000);
      // The failed cases' progress lines, so that a red run says which case it was.
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (/^\[[^\]]+\] ✖ /.test(line)) failed.push(line);
        // The run's failure blocks (already redacted), up to the summary table: why a red run was red.
        if (line === 'Failures:') inFailures = true;
        else if (/^ENV\s+SUITE/.test(line)) inFailures = false;
        else if (inFailures && line !== '') failed.push(`  ${line}`);
      }
    });
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        summary: [
          /e2e: [^\n]+/.exec(tail)?.[0] ?? tail.trim().split('\n').slice(-3).join(' | '),
          ...failed,
        ].join('\n  '),
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
