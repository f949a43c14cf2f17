import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FAULT_TABLE } from '../../testbed/faults/fault-table.ts';
import { runBounded } from '../helpers/bounded-runs.ts';
import { runCli } from '../helpers/child-run.ts';
import { startStackProcess } from '../helpers/stack-process.ts';
import { FAULT_CATCHES, type InProcessFault } from './fault-catches.ts';

/**
 * The catalogue catches regressions: against a testbed with one fault switched on, every case that checks the
 * broken point fails, and its failure text names the broken expectation. Each fault gets a fresh in-process
 * stack in a process of its own and the real CLI (`esb-e2e run --target external`) restricted to those cases.
 */

/**
 * Stacks at once, each in its own process: runs mostly wait (polls, sleeps), but workers start in bursts. One per
 * core: a third stack on a 2-core machine made worker cold starts outlast STD-018's 10 s request timeout.
 */
const PARALLEL_RUNS = 2;
/** Short prune and breaker timings, so scale-to-zero and breaker cases take seconds; the cases read them from the env. */
const STACK_TIMINGS = { idleTimeoutSeconds: 4, heartbeatSeconds: 0.5, breakerRecoverySeconds: 2 } as const;

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-fault-catches-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface CaseReport {
  readonly id: string;
  readonly status: string;
  readonly failure?: string;
}
interface FaultRun {
  readonly exitCode: number | null;
  readonly cases: readonly CaseReport[];
  readonly output: string;
}

async function runFault(fault: InProcessFault): Promise<FaultRun> {
  const row = FAULT_CATCHES[fault];
  const env = row.env ?? 'e2e-docker';
  const stack = await startStackProcess({
    ...STACK_TIMINGS,
    mode: env === 'e2e-containerd' ? 'containerd' : 'docker',
    faults: [fault],
  });
  try {
    const envFile = join(dir, `${fault}.env`);
    const jsonFile = join(dir, `${fault}.json`);
    writeFileSync(
      envFile,
      Object.entries(stack.clientEnv)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
      { mode: 0o600 },
    );
    const args = ['run', '--target', 'external', '--env', env, '--client-env', envFile, '--json', jsonFile];
    for (const id of row.ids) args.push('--id', id);
    const result = await runCli(args);
    const output = result.stdout + result.stderr;
    let cases: CaseReport[] = [];
    try {
      const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
        environments: { cases: CaseReport[] }[];
      };
      cases = report.environments.flatMap((e) => e.cases);
    } catch {
      // No report: the assertions below show the CLI output.
    }
    return { exitCode: result.status, cases, output };
  } finally {
    await stack.close();
  }
}

const FAULTS = Object.keys(FAULT_CATCHES) as InProcessFault[];

describe('every fault switch makes the cases that check its point fail, naming the broken expectation', {
  // A guard against a hang, not a speed goal: about 8 minutes on an idle 2-core machine, 3x that allowed.
  timeout: 1_500_000,
}, () => {
  test('the table covers every in-process fault and every case its description names', () => {
    const expected = Object.keys(FAULT_TABLE)
      .filter((f) => f !== 'restart-policy-no')
      .sort();
    assert.deepEqual([...FAULTS].sort(), expected);
    for (const fault of FAULTS) {
      const named = FAULT_TABLE[fault].description.match(/[A-Z]{3}-\d{3}/g) ?? [];
      for (const id of named)
        assert.ok(
          FAULT_CATCHES[fault].ids.includes(id),
          `${fault}: its description names ${id}, which the table does not expect to fail`,
        );
    }
  });

  const runs = runBounded(FAULTS, PARALLEL_RUNS, runFault);
  for (const fault of FAULTS) {
    const row = FAULT_CATCHES[fault];
    test(`${fault}: ${row.ids.join(', ')} fail`, async (t) => {
      const run = await (runs.get(fault) as Promise<FaultRun>);
      const byId = new Map(run.cases.map((c) => [c.id, c]));
      for (const id of row.ids) {
        const c = byId.get(id);
        assert.ok(c, `${fault}: ${id} did not run; CLI output:\n${run.output.slice(-3000)}`);
        t.diagnostic(`${id}: ${c.status}: ${(c.failure ?? c.status).split('\n').slice(0, 12).join(' | ')}`);
        assert.equal(
          c.status,
          'failed',
          `${fault}: ${id} ${c.status} although the fault breaks what it checks`,
        );
        assert.match(
          c.failure ?? '',
          row.names,
          `${fault}: ${id} failed without naming the broken expectation`,
        );
      }
      assert.equal(run.exitCode, 1, `${fault}: a run with failures must exit 1`);
    });
  }
});
