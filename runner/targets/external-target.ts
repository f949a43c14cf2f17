import { cliIo } from '../config/command-io.ts';
import type { PreparedTarget, RunTarget } from './run-target.ts';

/** The env file of one environment: `{env}` in the pattern is replaced by its name. */
export function envFileFor(pattern: string | undefined, env: string): string | undefined {
  return pattern?.replaceAll('{env}', env);
}

/**
 * The ESB that the environment variables of contract §1.1 name, completed by the environment's --client-env
 * file: every environment is checked (credentials, a gateway that answers /health) before any case starts. Not
 * ours, so hooks that change the platform run only in the scopes --allow names, and nothing is torn down.
 */
export const EXTERNAL_TARGET: RunTarget = {
  name: 'external',
  help: [
    'run against the ESB that the environment variables of contract §1.1 name;',
    '--client-env completes them (e.g. .testbed/{env}.env), variables already set win',
  ],
  allows: [],
  preparation: 'before-any-case',
  wording: { against: 'external ESB' },
  planProblems(options, plannedEnvs) {
    if (options.envs.length === 0)
      return [
        `--target external runs against one ESB per environment: name it with --env (the matrix defines: ${plannedEnvs.join(', ')})`,
      ];
    if (options.envs.length > 1 && !(options.envFile ?? '').includes('{env}'))
      return [
        'several environments need one ESB each: give --client-env with {env} in its path (e.g. .testbed/{env}.env), or run one --env at a time',
      ];
    return [];
  },
  async prepare(env, options, signal): Promise<PreparedTarget> {
    // Loaded on use: help and usage errors answer without loading the preflight's HTTP client.
    const { clientEnvironment, EnvFileError } = await import('../node/env-file.ts');
    const { targetPreflight } = await import('../preflight/target-preflight.ts');
    let clientEnv: Record<string, string>;
    try {
      clientEnv = clientEnvironment(cliIo().env, envFileFor(options.envFile, env));
    } catch (error) {
      if (error instanceof EnvFileError) throw new Error(`[${env}] ${error.message}`);
      throw error;
    }
    const problem = await targetPreflight(clientEnv, signal);
    if (problem !== undefined) throw new Error(`[${env}] ${problem}`);
    return { clientEnv, setupSeconds: 0, release: async () => [] };
  },
};
