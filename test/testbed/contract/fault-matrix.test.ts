import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FAULT_TABLE } from '../../../testbed/faults/fault-table.ts';
import { runBounded } from '../../helpers/bounded-runs.ts';
import { FAULT_BREAKS, MATRIX_FAULTS, type MatrixFault } from './fault-breaks.ts';
import { CONTRACT_PROBES } from './probes/index.ts';
import { formatRun, type ProbeRun, probesFor, runProbesOnStack } from './run-probes.ts';

/**
 * Stacks run at once. Starting workers keeps a stack busy on one core; the rest of its time it waits (breaker
 * open duration, idle pruning, a broken point's polling window). One per core: with a third stack on a 2-core
 * machine, worker cold starts outlasted the probes' 10 s request timeouts and the fail-fast bound.
 */
const PARALLEL_STACKS = 2;

async function runFault(fault: MatrixFault): Promise<ProbeRun> {
  const mode = FAULT_BREAKS[fault].mode ?? 'docker';
  return runProbesOnStack({ mode, faults: [fault], probes: probesFor(mode, CONTRACT_PROBES) });
}

describe('fault matrix: each fault breaks exactly the probes of its contract point', {
  // A guard against a hang, not a speed goal: 7 to 10 minutes on an idle 2-core machine, 3x that allowed.
  timeout: 1_800_000,
}, () => {
  test('FAULT_BREAKS names every fault but restart-policy-no, and only known probes', () => {
    const expected = Object.keys(FAULT_TABLE)
      .filter((f) => f !== 'restart-policy-no')
      .sort();
    assert.deepEqual([...MATRIX_FAULTS].sort(), expected);
    const names = new Set(CONTRACT_PROBES.map((p) => p.name));
    for (const fault of MATRIX_FAULTS) {
      const row = FAULT_BREAKS[fault];
      assert.ok(row.probes.length > 0, `${fault}: breaks no probe, so no probe covers its point`);
      const applicable = new Set(probesFor(row.mode ?? 'docker', CONTRACT_PROBES).map((p) => p.name));
      for (const name of row.probes) {
        assert.ok(names.has(name), `${fault}: unknown probe '${name}'`);
        assert.ok(applicable.has(name), `${fault}: probe '${name}' does not run in its mode`);
      }
    }
  });

  const started = performance.now();
  const runs = runBounded(MATRIX_FAULTS, PARALLEL_STACKS, runFault);
  for (const fault of MATRIX_FAULTS) {
    test(`${fault}`, async (t) => {
      const run = await (runs.get(fault) as Promise<ProbeRun>);
      const failing = run.results.filter((r) => !r.passed).map((r) => r.name);
      t.diagnostic(
        `${fault}: ${(run.ms / 1000).toFixed(1)} s on a ${run.mode} stack, ${failing.length} failing`,
      );
      for (const line of formatRun({ ...run, results: run.results.filter((r) => !r.passed) }).split('\n'))
        if (line) t.diagnostic(line);
      assert.deepEqual(
        [...failing].sort(),
        [...FAULT_BREAKS[fault].probes].sort(),
        `${fault}: failing probes`,
      );
    });
  }
  test('matrix wall time', (t) => {
    t.diagnostic(
      `all ${MATRIX_FAULTS.length} faults: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
