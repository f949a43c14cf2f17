import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalogueOrExit } from '../cli/load-or-exit.ts';
import { ConfigurationError, requireClientEnv } from '../config/settings.ts';
import { runCase } from '../exec/run-case.ts';
import { createRunContext, type RunContext } from '../exec/run-context.ts';
import { caseTitle } from '../plan/case-title.ts';
import { planRun } from '../plan/plan-run.ts';
import { phaseOf } from '../plan/run-phases.ts';
import { UnknownSelectionError } from '../plan/select-cases.ts';
import { clientEnvironment, EnvFileError } from './env-file.ts';
import { withRunSlot } from './run-slots.ts';
import { RUN_VARIABLE, RunVariableError, readRunVariables } from './run-variables.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Stops the entry file with one line: node:test reports the file as failed and shows the line. */
function stop(scenario: string, message: string): never {
  process.stderr.write(`esb-e2e [${scenario}]: ${message}\n`);
  process.exit(2);
}

/**
 * Without ESB_E2E_LOCK_DIR (node --test run by hand), every process aimed at the same gateway shares one lock
 * folder, so resource locks and the concurrency limit hold across entry files and even across runs.
 */
function defaultLockDir(env: string, gatewayUrl: string): string {
  const key = createHash('sha256').update(`${env} ${gatewayUrl}`).digest('hex').slice(0, 12);
  return join(tmpdir(), 'esb-e2e-locks', key);
}

/**
 * Registers the cases of one scenario folder (catalog/<scenario>/) as node:test tests, one per planned case,
 * named `<ID> <name>`, for the environment ESB_E2E_ENV (default: the matrix's first), filtered by the
 * ESB_E2E_* variables (runner/node/run-variables.ts). Entry files call it and nothing else. A load or
 * configuration error ends the process with the diagnostics before any case starts.
 */
export function registerScenario(scenario: string): void {
  const root = process.env[RUN_VARIABLE.root] ?? PACKAGE_ROOT;
  let variables: ReturnType<typeof readRunVariables>;
  try {
    variables = readRunVariables(process.env);
  } catch (error) {
    if (!(error instanceof RunVariableError)) throw error;
    stop(scenario, error.message);
  }
  const catalogue = loadCatalogueOrExit(root);
  if (!catalogue.files.some((f) => f.scenario === scenario))
    stop(scenario, `no scenario folder catalog/${scenario}/ in ${root}; fix the registerScenario call`);
  const env = variables.env ?? catalogue.matrix.environments[0]?.name ?? '';

  let cases: ReturnType<typeof planRun>[number]['cases'];
  try {
    const [plan] = planRun(catalogue, {
      envs: [env],
      suites: variables.suites,
      ids: variables.ids,
      grep: variables.grep,
      shard: variables.shard,
    });
    cases = (plan?.cases ?? []).filter(
      (c) => c.scenario === scenario && (variables.phase === undefined || phaseOf(c) === variables.phase),
    );
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    stop(scenario, error.message);
  }
  if (cases.length === 0) return;

  let ctx: RunContext;
  try {
    const clientEnv = clientEnvironment(process.env, variables.envFile);
    const missing = requireClientEnv(clientEnv);
    if (missing.length > 0) stop(scenario, missing.join('; '));
    ctx = createRunContext({
      projectRoot: root,
      env: clientEnv,
      lockDir: variables.lockDir ?? defaultLockDir(env, clientEnv.GATEWAY_URL ?? ''),
      allowedHookScopes: variables.allow,
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError || error instanceof EnvFileError)) throw error;
    stop(scenario, error instanceof ConfigurationError ? error.problems.join('; ') : error.message);
  }

  describe(`${env} ${scenario}`, { concurrency: variables.concurrency }, () => {
    for (const planned of cases) {
      it(caseTitle(planned), async (t) => {
        const result = await withRunSlot(ctx.lockDir, variables.concurrency, t.signal, () =>
          runCase(planned, { ...ctx, signal: t.signal }),
        );
        if (result.status === 'skipped') t.skip(result.reason ?? 'skipped');
        // The failure text is the whole report of the case (ID, YAML file:line, request, expectation);
        // a stack would only point into the runner.
        if (result.status === 'failed')
          throw Object.assign(new Error(result.failure ?? 'failed'), { stack: '' });
      });
    }
  });
}
