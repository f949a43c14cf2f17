import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Catalogue } from '../../../language/model/catalogue.ts';
import { type CaseResult, runCase } from '../../../runner/exec/run-case.ts';
import { createRunContext } from '../../../runner/exec/run-context.ts';
import { loadCatalogue } from '../../../runner/load/load-catalogue.ts';
import { planRun } from '../../../runner/plan/plan-run.ts';
import { ESB_BEHAVIOURS, type EsbRevisionName } from '../../../testbed/revisions/esb-behaviour.ts';
import { REPO_ROOT } from '../../helpers/project-copy.ts';
import { type StackProcess, startStackProcess } from '../../helpers/stack-process.ts';

/**
 * The catalogue tells the ESB revisions apart: on a testbed standing in for one revision, the cases whose
 * expectations changed pass when the catalogue is loaded for that revision and fail when it is loaded for the
 * other, where the contract differs (contract-head §16). A case whose change the testbed cannot show (STD-024's
 * credentials, exported by both revisions' testbeds) must pass on both; STD-018's body text and bound hold on both
 * too and are left to the e2e runs (it opens a breaker for 11 s); SMK-011 needs Docker containers.
 */
const SEED: EsbRevisionName = '2026-02-17';
const HEAD: EsbRevisionName = '2026-03-02';

/** Per mode: the changed cases, each with the revisions whose catalogue must fail on the other's testbed. */
const CHANGED = {
  docker: {
    env: 'e2e-docker',
    // Loggers renamed: the runtime passthroughs and the image (Python on docker).
    bothWays: ['RTJ-003', 'RTP-003', 'STD-029'],
    // Only from 2026-03-02 on: absent from the seed catalogue, failing against the seed testbed.
    headOnly: ['STD-030'],
    sameOnBoth: ['STD-024'],
  },
  containerd: {
    env: 'e2e-containerd',
    // 512 MiB, and the image is a Java one with the Java logger.
    bothWays: ['STD-013', 'STD-029'],
    headOnly: ['STD-030'],
    sameOnBoth: ['STD-010', 'STD-027', 'STD-028'],
  },
} as const;

const catalogues = new Map<EsbRevisionName, Catalogue>();
function catalogueOf(esb: EsbRevisionName): Catalogue {
  const catalogue = catalogues.get(esb) ?? loadCatalogue(REPO_ROOT, { esb });
  catalogues.set(esb, catalogue);
  return catalogue;
}

async function runCases(
  stack: StackProcess,
  env: string,
  esb: EsbRevisionName,
  ids: readonly string[],
): Promise<Map<string, CaseResult>> {
  const [plan] = planRun(catalogueOf(esb), { envs: [env], suites: [], ids });
  const lockDir = mkdtempSync(join(tmpdir(), 'esb-e2e-revision-locks-'));
  try {
    const ctx = createRunContext({ projectRoot: REPO_ROOT, env: stack.clientEnv, lockDir });
    const results = await Promise.all(
      (plan?.cases ?? []).map(async (c) => [c.id, await runCase(c, ctx)] as const),
    );
    assert.deepEqual(results.map(([id]) => id).sort(), [...ids].sort(), `the cases of ${esb} on ${env}`);
    return new Map(results);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

const verdicts = (results: Map<string, CaseResult>) =>
  [...results].map(([id, r]) => `${id} ${r.status}${r.status === 'failed' ? `: ${r.failure ?? ''}` : ''}`);

// The four stacks side by side: the failing cases mostly wait for logs that never come (45 s).
describe('the catalogue tells the ESB revisions apart', { timeout: 600_000, concurrency: true }, () => {
  it('the testbed stands in for exactly the revisions the catalogue knows', () => {
    const declared = catalogueOf(SEED).esb?.revisions.map((r) => [r.name, r.commit]);
    assert.deepEqual(
      Object.entries(ESB_BEHAVIOURS).map(([name, behaviour]) => [name, behaviour.commit]),
      declared,
    );
    assert.equal(catalogueOf(SEED).esb?.defaultName, SEED);
  });

  for (const mode of ['docker', 'containerd'] as const) {
    const { env, bothWays, headOnly, sameOnBoth } = CHANGED[mode];
    for (const testbed of [SEED, HEAD]) {
      const other = testbed === SEED ? HEAD : SEED;
      it(`${mode}, a testbed of ESB ${testbed}: its own catalogue passes, ${other}'s fails where they differ`, async () => {
        const stack = await startStackProcess({ mode, esb: testbed });
        try {
          const own = [...bothWays, ...sameOnBoth, ...(testbed === HEAD ? headOnly : [])];
          const foreign = [...bothWays, ...(other === HEAD ? headOnly : [])];
          // One after the other: RTP-003 counts the records of its log stream, which a concurrent call may share.
          const ownResults = await runCases(stack, env, testbed, own);
          const foreignResults = await runCases(stack, env, other, foreign);
          const passed = (results: Map<string, CaseResult>) =>
            [...results].filter(([, r]) => r.status === 'passed').map(([id]) => id);
          assert.deepEqual(passed(ownResults).sort(), [...own].sort(), verdicts(ownResults).join('\n'));
          assert.deepEqual(passed(foreignResults), [], verdicts(foreignResults).join('\n'));
        } finally {
          await stack.close();
        }
      });
    }
  }
});
