import { relative } from 'node:path';
import { formatDuration } from '../../runner/report/format-duration.ts';
import type { PreparedTarget, RunTarget } from '../../runner/targets/run-target.ts';

/**
 * `esb-e2e run --target testbed`: a fresh testbed per environment (testbed/docker), started inside each
 * environment's job, all at once, and torn down after its cases. The testbed sits above the runner: the runner
 * never imports it; bin/esb-e2e.mjs hands this entry to the CLI. The Docker code is loaded lazily, so that an
 * external run (or help) never loads it.
 */
export const TESTBED_TARGET: RunTarget = {
  name: 'testbed',
  help: ['start a fresh local testbed per environment, run, tear it down'],
  // The testbed is ours, so every hook scope is allowed against it.
  allows: ['control-plane'],
  preparation: 'in-each-job',
  wording: {
    against: 'a fresh testbed each',
    starting: (env) => `[${env}] starting a fresh testbed`,
    ready: (env, seconds) => `[${env}] testbed up in ${formatDuration(seconds * 1000)}`,
    released: (env) => `[${env}] testbed down`,
    releaseFailed: (env, message) =>
      `[${env}] tearing the testbed down failed: ${message}; run: npm run testbed -- down --env ${env}`,
  },
  argsProblem: ({ envFile }) =>
    envFile === undefined
      ? undefined
      : '--client-env applies to --target external; the testbed provides its own environment',
  async check() {
    try {
      const { connectDocker } = await import('../docker/docker-connection.ts');
      await connectDocker();
      return undefined;
    } catch (error) {
      return `the testbed needs Docker: ${(error as Error).message}`;
    }
  },
  prepare: (env) => prepareTestbed(env),
};

/** A fresh testbed for the environment, torn down by release(). */
async function prepareTestbed(env: string): Promise<PreparedTarget> {
  const { testbedUp } = await import('../docker/testbed-up.ts');
  const { testbedDown } = await import('../docker/testbed-down.ts');
  const { connectDocker } = await import('../docker/docker-connection.ts');
  const { projectFilter } = await import('../docker/compose-labels.ts');
  const { profileFor } = await import('../docker/profiles.ts');
  const { clientEnvFile, REPO_ROOT } = await import('../docker/testbed-paths.ts');
  const { saveServiceLogs } = await import('../docker/service-logs.ts');
  const { redactorFromEnv } = await import('../../runner/config/redact.ts');
  const profile = profileFor(env);
  const docker = await connectDocker();
  const existing = await docker.listContainers({ all: true, filters: projectFilter(profile.projectName) });
  // A testbed someone started by hand is theirs: refuse rather than run against it or remove it.
  if (existing.length > 0)
    throw new Error(
      `[${env}] a testbed of ${env} is already up; stop it (npm run testbed -- down --env ${env}) or run against it with --target external --client-env ${relative(REPO_ROOT, clientEnvFile(env))}`,
    );
  let up: Awaited<ReturnType<typeof testbedUp>>;
  try {
    up = await testbedUp(env, []);
  } catch (error) {
    // Nothing of this environment existed before, so whatever a failed start left behind is ours to remove.
    await testbedDown(env).catch(() => undefined);
    throw new Error(`[${env}] the testbed did not start: ${(error as Error).message}`);
  }
  const clientEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clientEnv[key] = value;
  Object.assign(clientEnv, up.clientEnv);
  return {
    clientEnv,
    setupSeconds: up.seconds,
    release: async ({ failed }) => {
      // The containers and their logs go with the testbed: keep the logs of a run that failed first.
      const notes: string[] = [];
      if (failed) {
        try {
          const redactor = redactorFromEnv(clientEnv);
          const dir = await saveServiceLogs(env, (text) => redactor.redact(text));
          notes.push(
            `[${env}] a case failed: the testbed's service and worker logs are in ${relative(process.cwd(), dir) || '.'}/`,
          );
        } catch (error) {
          notes.push(
            `[${env}] a case failed; keeping the testbed's logs failed: ${(error as Error).message}`,
          );
        }
      }
      await testbedDown(env);
      return notes;
    },
  };
}
