/**
 * The test suite on a busy machine: `node scripts/run-tests.mjs` (the test part of `npm test`, without the
 * type check and lint) with CPU-bound processes running beside it (two by default, one per core here), repeated;
 * prints each run's outcome, wall time and per-group lines, and the median. Timing-bound tests that only hold
 * on an idle machine show up here as failures.
 *
 *   node --import tsx bench/test-under-load.ts [--runs 1] [--burners 2] [--unit]
 *
 * --unit: only `npm run test:unit`'s files. The full suite starts Docker testbeds: run it only when no other
 * Docker test runs on the machine.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../testbed/docker/testbed-paths.ts';
import { intArg, startCpuBurners } from './cpu-load.ts';

const RUNS = intArg('--runs', 1);
const BURNERS = intArg('--burners', 2);
const UNIT = process.argv.includes('--unit');

interface SuiteRun {
  readonly code: number;
  readonly seconds: number;
  /** run-tests.mjs's closing lines: one per group, and the failure line if any. */
  readonly summary: string[];
  /** The failing tests' lines of the spec output. */
  readonly failing: string[];
  /** Everything the run printed, kept for a run that failed (the lines above name the tests, not why). */
  readonly output: string;
}

function suite(): Promise<SuiteRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run-tests.mjs', ...(UNIT ? ['--unit'] : [])], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const summary: string[] = [];
    const failing: string[] = [];
    const output: string[] = [];
    let pending = '';
    const take = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('run-tests: ')) summary.push(line);
        else if (/^\s*✖ /.test(line) && failing.length < 40) failing.push(line.trim());
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        summary,
        failing,
        output: output.join(''),
      }),
    );
  });
}

const stopBurners = startCpuBurners(BURNERS);
const results: SuiteRun[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const result = await suite();
    results.push(result);
    console.log(`run ${run}/${RUNS}: exit ${result.code} in ${result.seconds.toFixed(0)} s`);
    for (const line of [...result.summary, ...new Set(result.failing)]) console.log(`  ${line}`);
    if (result.code !== 0) {
      const log = join(tmpdir(), `esb-e2e-test-under-load-${Date.now()}-run-${run}.log`);
      writeFileSync(log, result.output);
      console.log(`  the run's whole output: ${log}`);
    }
  }
} finally {
  stopBurners();
}
const times = results.map((r) => r.seconds).sort((a, b) => a - b);
const failed = results.filter((r) => r.code !== 0).length;
console.log(
  `${UNIT ? 'unit tests' : 'tests'} with ${BURNERS} CPU-bound processes beside them: ${RUNS - failed}/${RUNS} runs green, median wall ${times[Math.floor(times.length / 2)]?.toFixed(0)} s`,
);
process.exitCode = failed === 0 ? 0 : 1;
