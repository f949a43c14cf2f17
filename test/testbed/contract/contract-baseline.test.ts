import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StackMode } from './probe-types.ts';
import { breakerProbes } from './probes/breaker.ts';
import { CONTRACT_PROBES } from './probes/index.ts';
import { formatRun, probesFor, runProbesOnStack } from './run-probes.ts';

/**
 * The testbed without faults honours every contract point the probes cover: the whole table on a docker-mode
 * stack, and on a containerd-mode stack the probes whose answer depends on the mode.
 */
describe('contract baseline: every probe passes on a stack without faults', { timeout: 180_000 }, () => {
  test('the probe table has unique names and every probe names its contract section', () => {
    const names = CONTRACT_PROBES.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, 'duplicate probe names');
    for (const probe of CONTRACT_PROBES) assert.match(probe.section, /§\d/, `${probe.name}: no section`);
    // The breaker probe leaves lambda-chaos with crash history: nothing may follow it.
    assert.deepEqual(
      CONTRACT_PROBES.slice(-breakerProbes.length),
      breakerProbes,
      'breaker probes must run last',
    );
  });

  const runs: { mode: StackMode; probes: typeof CONTRACT_PROBES }[] = [
    { mode: 'docker', probes: probesFor('docker', CONTRACT_PROBES) },
    { mode: 'containerd', probes: CONTRACT_PROBES.filter((p) => p.modes?.includes('containerd')) },
  ];
  for (const { mode, probes } of runs) {
    test(`${mode} mode: ${probes.length} probes pass`, async (t) => {
      const run = await runProbesOnStack({ mode, probes });
      t.diagnostic(`${mode} stack: ${(run.ms / 1000).toFixed(1)} s`);
      for (const line of formatRun(run).split('\n')) t.diagnostic(line);
      const failed = run.results.filter((r) => !r.passed);
      assert.deepEqual(
        failed.map((r) => `${r.name}: ${r.error}`),
        [],
        `${failed.length} probe(s) failed on the ${mode} baseline`,
      );
    });
  }
});
