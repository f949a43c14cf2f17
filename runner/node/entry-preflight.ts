import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactorFromEnv } from '../config/redact.ts';
import { ConfigurationError } from '../config/settings.ts';
import { processLocks } from '../exec/process-locks.ts';
import { folderLocks, PLATFORM_RESOURCE } from '../exec/resource-lock.ts';
import { createRunContext, type RunContext } from '../exec/run-context.ts';
import { targetPreflight } from '../preflight/target-preflight.ts';
import { clientEnvironment, EnvFileError } from './env-file.ts';
import { processSlots } from './process-slots.ts';
import { folderSlots, type RunSlots } from './run-slots.ts';
import type { RunVariables } from './run-variables.ts';

/** What an entry file's cases wait for before the first one starts. */
export type EntryTarget =
  | { readonly ok: true; readonly ctx: RunContext; readonly slots: RunSlots }
  | { readonly ok: false; readonly problem: string };

/**
 * Without ESB_E2E_LOCK_DIR (node --test run by hand), every process aimed at the same gateway shares one lock
 * folder, so resource locks and the concurrency limit hold across entry files and even across runs.
 */
function defaultLockDir(env: string, gatewayUrl: string): string {
  const key = createHash('sha256').update(`${env} ${gatewayUrl}`).digest('hex').slice(0, 12);
  return join(tmpdir(), 'esb-e2e-locks', key);
}

async function checkTarget(root: string, env: string, variables: RunVariables): Promise<EntryTarget> {
  let clientEnv: Record<string, string>;
  try {
    clientEnv = clientEnvironment(process.env, variables.envFile);
  } catch (error) {
    if (!(error instanceof EnvFileError)) throw error;
    // A malformed line is quoted; it may hold a secret exported in the shell.
    return { ok: false, problem: redactorFromEnv(process.env).redact(error.message) };
  }
  const lockDir = variables.lockDir ?? defaultLockDir(env, clientEnv.GATEWAY_URL ?? '');
  // Like every case, the check holds the platform shared: it never asks /health while a case that restarts or
  // crashes a service (platform exclusive) runs in another file of the run.
  const inMemory = variables.lockScope === 'process';
  const locks = inMemory ? processLocks() : folderLocks(lockDir);
  const platform = await locks.acquire(PLATFORM_RESOURCE, 'shared');
  let problem: string | undefined;
  try {
    problem = await targetPreflight(clientEnv);
  } finally {
    platform.release();
  }
  if (problem !== undefined) return { ok: false, problem };
  try {
    return {
      ok: true,
      ctx: createRunContext({
        projectRoot: root,
        env: clientEnv,
        lockDir,
        locks,
        allowedHookScopes: variables.allow,
        trace: variables.trace,
      }),
      slots: inMemory ? processSlots(variables.concurrency) : folderSlots(lockDir, variables.concurrency),
    };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { ok: false, problem: error.problems.join('; ') };
  }
}

/** The checks of this process by what they check: scenarios of one run share one (entry-group.ts). */
const checks = new Map<string, Promise<EntryTarget>>();

/**
 * The once-per-process check of the configuration and the target (credentials, URL, a gateway that answers
 * /health with 200), started by the first case that runs and awaited by every case: a failed check fails each
 * case with its one line, so every reporter (spec, tap, junit) says why. A file whose cases are all filtered out
 * by node (--test-name-pattern) never checks. The scenarios that one process runs for a run share the check: their
 * cases all become ready at once, so that the run slots go by priority (run-slots.ts), not to the scenario whose
 * own check happened to answer first.
 */
export function lazyEntryTarget(
  root: string,
  env: string,
  variables: RunVariables,
): () => Promise<EntryTarget> {
  const key = JSON.stringify([
    root,
    env,
    variables.lockDir,
    variables.lockScope,
    variables.concurrency,
    variables.envFile,
    variables.allow,
  ]);
  return () => {
    let pending = checks.get(key);
    if (pending === undefined) {
      pending = checkTarget(root, env, variables);
      checks.set(key, pending);
    }
    return pending;
  };
}
