import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildWorkerBundle } from '../../testbed/build/worker-bundle.ts';
import { DOCKER_ONLY_FAULTS, FAULT_TABLE } from '../../testbed/faults/fault-table.ts';
import { DEFAULT_ESB_REVISION } from '../../testbed/revisions/esb-behaviour.ts';
import { FAULT_CATCHES } from '../catalogue/fault-catches.ts';
import { runBounded } from '../helpers/bounded-runs.ts';
import { startStackProcess } from '../helpers/stack-process.ts';
import { PROBE_STACK_TIMINGS } from '../testbed/contract/contract-stack.ts';
import { FAULT_BREAKS, MATRIX_FAULTS, type MatrixFault } from '../testbed/contract/fault-breaks.ts';
import { CONTRACT_PROBES } from '../testbed/contract/probes/index.ts';
import { formatRun, type ProbeResult, probesFor, runProbes } from '../testbed/contract/run-probes.ts';
import { type CaseOutcome, runCatalogueCases } from './catalogue-cases.ts';
import { closeChaosBreaker } from './settle-stack.ts';

/**
 * One pass over the in-process fault switches. Per fault, one fresh stack with the fault on serves two proofs:
 * every contract probe runs and exactly the probes of the fault's point fail (FAULT_BREAKS), then the catalogue
 * cases that check that point run and each fails naming the broken expectation (FAULT_CATCHES). The probes go
 * first, then the breaker is closed again (settle-stack.ts); the cases are written to run after others on a
 * shared ESB.
 */

/**
 * Stacks at once, each in a process of its own. A run mostly waits (breaker open duration, idle pruning, a
 * broken point's polling window): the 28 runs add up to about 1,480 s beside the rest of `npm test`, and the
 * nine that poll until a limit take 66-180 s each. Their CPU goes to the stack's services and to worker starts
 * (about 8 CPU seconds a fault). Four at once, the pass was the last group of `npm test` to end (388 s); five
 * end it with the others (345 s), on less CPU than the rest of the suite now takes. Six took longer once another
 * test run shared the machine, and leave less room for the fail-fast and latency bounds some probes check.
 */
const PARALLEL_STACKS = 5;

/**
 * Faults whose failing cases poll until their limit (a log that never arrives, a pool that never drains, a
 * scheduler that never writes): a minute or more each, mostly waiting. They start first, so the short ones
 * fill the slots beside them instead of leaving one long run alone at the end.
 */
const LONG_RUNS: readonly MatrixFault[] = [
  'scheduler-off',
  'debug-logs-dropped',
  'trace-not-propagated',
  'access-log-missing',
  'async-invoke-dropped',
  'workers-never-pruned',
  'pool-entry-removed-on-prune',
  'container-name-unknown',
  'vl-phrase-as-equality',
];
const RUN_ORDER = [...LONG_RUNS, ...MATRIX_FAULTS.filter((fault) => !LONG_RUNS.includes(fault))];

interface FaultRun {
  readonly probes: readonly ProbeResult[];
  readonly cases: readonly CaseOutcome[];
  readonly ms: number;
}

function stackMode(fault: MatrixFault) {
  return FAULT_BREAKS[fault].mode ?? 'docker';
}

/** The ESB revision of the fault's stack, probes and cases: the default unless its point is a later one's. */
function stackRevision(fault: MatrixFault) {
  return FAULT_BREAKS[fault].esb ?? DEFAULT_ESB_REVISION;
}

/** One worker bundle for every stack of the pass (each process would build its own: about 1 CPU s each). */
const bundleDir = mkdtempSync(join(tmpdir(), 'esb-e2e-fault-bundle-'));
after(() => rmSync(bundleDir, { recursive: true, force: true }));
let workerBundle: Promise<string> | undefined;

async function runFault(fault: MatrixFault): Promise<FaultRun> {
  const started = performance.now();
  const mode = stackMode(fault);
  const esb = stackRevision(fault);
  workerBundle ??= buildWorkerBundle(bundleDir);
  const stack = await startStackProcess({
    ...PROBE_STACK_TIMINGS,
    mode,
    esb,
    faults: [fault],
    workerBundle: await workerBundle,
  });
  try {
    const probes = await runProbes(stack.clientEnv, mode, probesFor(mode, CONTRACT_PROBES, esb), esb);
    await closeChaosBreaker(stack.clientEnv, mode);
    const row = FAULT_CATCHES[fault];
    const cases = await runCatalogueCases(stack.clientEnv, row.env ?? 'e2e-docker', row.ids, esb);
    return { probes, cases, ms: performance.now() - started };
  } finally {
    await stack.close();
  }
}

describe('fault pass: each fault breaks exactly its probes, and the catalogue cases of its point fail', {
  // A guard against a hang, not a speed goal.
  timeout: 1_800_000,
}, () => {
  test('both tables name every fault but the Docker-only ones, with known probes and cases', () => {
    const expected = Object.keys(FAULT_TABLE)
      .filter((f) => !(DOCKER_ONLY_FAULTS as readonly string[]).includes(f))
      .sort();
    assert.deepEqual([...MATRIX_FAULTS].sort(), expected);
    assert.deepEqual(Object.keys(FAULT_CATCHES).sort(), expected);
    const names = new Set(CONTRACT_PROBES.map((p) => p.name));
    for (const fault of MATRIX_FAULTS) {
      const row = FAULT_BREAKS[fault];
      assert.ok(row.probes.length > 0, `${fault}: breaks no probe, so no probe covers its point`);
      const applicable = new Set(
        probesFor(stackMode(fault), CONTRACT_PROBES, stackRevision(fault)).map((p) => p.name),
      );
      for (const name of row.probes) {
        assert.ok(names.has(name), `${fault}: unknown probe '${name}'`);
        assert.ok(applicable.has(name), `${fault}: probe '${name}' does not run in its mode`);
      }
      const caseMode = FAULT_CATCHES[fault].env === 'e2e-containerd' ? 'containerd' : 'docker';
      assert.equal(caseMode, stackMode(fault), `${fault}: its probes and its cases need one stack mode`);
      for (const id of FAULT_TABLE[fault].description.match(/[A-Z]{3}-\d{3}/g) ?? [])
        assert.ok(
          FAULT_CATCHES[fault].ids.includes(id),
          `${fault}: its description names ${id}, which the table does not expect to fail`,
        );
    }
  });

  const started = performance.now();
  const runs = runBounded(RUN_ORDER, PARALLEL_STACKS, runFault);
  for (const fault of MATRIX_FAULTS) {
    const row = FAULT_CATCHES[fault];
    test(`${fault}: its probes, and ${row.ids.join(', ')}`, async (t) => {
      const run = await (runs.get(fault) as Promise<FaultRun>);
      const failing = run.probes.filter((r) => !r.passed);
      t.diagnostic(`${fault}: ${(run.ms / 1000).toFixed(1)} s, ${failing.length} probes failing`);
      for (const line of formatRun({ mode: stackMode(fault), results: failing, ms: run.ms }).split('\n'))
        if (line) t.diagnostic(line);
      assert.deepEqual(
        failing.map((r) => r.name).sort(),
        [...FAULT_BREAKS[fault].probes].sort(),
        `${fault}: failing probes`,
      );
      const byId = new Map(run.cases.map((c) => [c.id, c]));
      for (const id of row.ids) {
        const c = byId.get(id);
        assert.ok(c, `${fault}: ${id} did not run`);
        t.diagnostic(
          `${id}: ${c.status}: ${(c.failure ?? c.reason ?? '').split('\n').slice(0, 12).join(' | ')}`,
        );
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
    });
  }
  test('pass wall time', (t) => {
    t.diagnostic(
      `all ${MATRIX_FAULTS.length} faults: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
