import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_ESB_REVISION,
  ESB_BEHAVIOURS,
  type EsbRevisionName,
} from '../../../testbed/revisions/esb-behaviour.ts';
import type { StackMode } from './probe-types.ts';
import { breakerProbes } from './probes/breaker.ts';
import { CONTRACT_PROBES } from './probes/index.ts';
import { formatRun, probesFor, runProbesOnStack } from './run-probes.ts';

/**
 * The testbed without faults honours every contract point the probes cover: the whole table on a docker-mode
 * stack, and on a containerd-mode stack the probes whose answer depends on the mode; for every later ESB
 * revision, in both modes, the probes whose answer depends on the revision.
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

  // Every later revision: the probes whose answer differs by revision, or that exist from a later one on.
  const revisionDependent = (mode: StackMode, esb: EsbRevisionName) =>
    probesFor(mode, CONTRACT_PROBES, esb).filter((p) => p.perRevision === true || p.since !== undefined);
  const later = (Object.keys(ESB_BEHAVIOURS) as EsbRevisionName[]).filter((r) => r !== DEFAULT_ESB_REVISION);
  const runs: { mode: StackMode; esb: EsbRevisionName; probes: typeof CONTRACT_PROBES }[] = [
    { mode: 'docker', esb: DEFAULT_ESB_REVISION, probes: probesFor('docker', CONTRACT_PROBES) },
    {
      mode: 'containerd',
      esb: DEFAULT_ESB_REVISION,
      probes: CONTRACT_PROBES.filter((p) => p.modes?.includes('containerd')),
    },
    ...later.flatMap((esb) =>
      (['docker', 'containerd'] as const).map((mode) => ({
        mode,
        esb,
        probes: revisionDependent(mode, esb),
      })),
    ),
  ];
  for (const { mode, esb, probes } of runs) {
    test(`${mode} mode, ESB ${esb}: ${probes.length} probes pass`, async (t) => {
      const run = await runProbesOnStack({ mode, probes, esb });
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
