import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { type CaseResult, runCase } from '../../runner/exec/run-case.ts';
import { createRunContext } from '../../runner/exec/run-context.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { planRun } from '../../runner/plan/plan-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

export interface CaseOutcome extends CaseResult {
  readonly id: string;
}

/** The catalogue of each ESB revision the pass has run cases of, loaded once. */
const catalogues = new Map<string, Catalogue>();

/**
 * Runs catalogue cases against a stack that is up, in this process, the way an entry file's tests do (the
 * same plan, run context, fixtures and resource locks; hooks limited to read-only as a plain run is), all at
 * once. The CLI and node:test around runCase have tests of their own; here only the cases' verdicts matter.
 */
export async function runCatalogueCases(
  clientEnv: Readonly<Record<string, string>>,
  env: string,
  ids: readonly string[],
  esb: string,
): Promise<CaseOutcome[]> {
  const catalogue = catalogues.get(esb) ?? loadCatalogue(REPO_ROOT, { esb });
  catalogues.set(esb, catalogue);
  const [plan] = planRun(catalogue, { envs: [env], suites: [], ids });
  const lockDir = mkdtempSync(join(tmpdir(), 'esb-e2e-fault-locks-'));
  try {
    const ctx = createRunContext({ projectRoot: REPO_ROOT, env: clientEnv, lockDir });
    return await Promise.all(
      (plan?.cases ?? []).map(async (planned) => ({ id: planned.id, ...(await runCase(planned, ctx)) })),
    );
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
