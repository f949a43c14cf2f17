import { clientEnvironment, EnvFileError } from '../node/env-file.ts';
import { targetPreflight } from '../preflight/target-preflight.ts';

/** The client environment of one environment of the run, and how to release what was started for it. */
export interface PreparedTarget {
  readonly clientEnv: Record<string, string>;
  /** Seconds spent starting it (0 for an external ESB). */
  readonly setupSeconds: number;
  release(): Promise<void>;
}

/** The env file of one environment: `{env}` in the pattern is replaced by its name. */
export function envFileFor(pattern: string | undefined, env: string): string | undefined {
  return pattern?.replaceAll('{env}', env);
}

/**
 * External target: the process environment completed by the environment's file, checked before any case.
 * Throws an Error whose message is one line naming the environment's problem.
 */
export async function prepareExternal(
  env: string,
  envFilePattern: string | undefined,
  signal?: AbortSignal,
): Promise<PreparedTarget> {
  let clientEnv: Record<string, string>;
  try {
    clientEnv = clientEnvironment(process.env, envFileFor(envFilePattern, env));
  } catch (error) {
    if (error instanceof EnvFileError) throw new Error(`[${env}] ${error.message}`);
    throw error;
  }
  const problem = await targetPreflight(clientEnv, signal);
  if (problem !== undefined) throw new Error(`[${env}] ${problem}`);
  return { clientEnv, setupSeconds: 0, release: async () => undefined };
}

/**
 * Testbed target: a fresh testbed for the environment (testbed/docker), torn down by release(). The testbed is
 * loaded lazily so that an external run never touches Docker code.
 */
export async function prepareTestbed(env: string): Promise<PreparedTarget> {
  const { testbedUp } = await import('../../testbed/docker/testbed-up.ts');
  const { testbedDown } = await import('../../testbed/docker/testbed-down.ts');
  const { connectDocker } = await import('../../testbed/docker/docker-connection.ts');
  const { projectFilter } = await import('../../testbed/docker/compose-labels.ts');
  const { profileFor } = await import('../../testbed/docker/profiles.ts');
  const profile = profileFor(env);
  const docker = await connectDocker();
  const existing = await docker.listContainers({ all: true, filters: projectFilter(profile.projectName) });
  // A testbed someone started by hand is theirs: refuse rather than run against it or remove it.
  if (existing.length > 0)
    throw new Error(
      `[${env}] a testbed of ${env} is already up; stop it (npm run testbed -- down --env ${env}) or run against it with --target external --client-env .testbed/{env}.env`,
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
    release: async () => {
      await testbedDown(env);
    },
  };
}
