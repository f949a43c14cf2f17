import { parseArgs } from 'node:util';
import type { HookScope } from '../hooks/hook-types.ts';
import {
  DEFAULT_CONCURRENCY,
  parseConcurrency,
  parseScopes,
  RunVariableError,
} from '../node/run-variables.ts';
import { parseShard, type Shard, ShardSyntaxError } from '../plan/shard.ts';

export type RunTarget = 'testbed' | 'external';

/** `esb-e2e run` options, parsed and checked for form (names are checked against the catalogue later). */
export interface RunOptions {
  readonly envs: readonly string[];
  readonly suites: readonly string[];
  readonly ids: readonly string[];
  readonly grep: string | undefined;
  readonly shard: Shard | undefined;
  /** Cases at once per environment. */
  readonly concurrency: number;
  readonly junit: string | undefined;
  readonly json: string | undefined;
  readonly target: RunTarget;
  /**
   * External target: a KEY=VALUE file per environment (--client-env; `{env}` in it is replaced by the
   * environment name). Not --env-file: node 20 claims that flag anywhere on its command line.
   */
  readonly envFile: string | undefined;
  /** Hook scopes allowed against an external ESB (the testbed allows every scope). */
  readonly allow: readonly HookScope[];
}

export const RUN_USAGE = `usage: esb-e2e run [--env E]... [--suite S]... [--id ID]... [--grep TEXT] [--shard i/n]
                   [--concurrency N] [--junit FILE] [--json FILE] [--target testbed|external]
                   [--client-env FILE] [--allow control-plane]
  --env, --suite, --id  repeatable or comma lists; default: every environment and suite of the matrix
  --grep TEXT           cases whose "<ID> <name>" contains TEXT (ignoring case)
  --shard i/n           the i-th of n parts of each environment's cases (round-robin in run order)
  --concurrency N       cases at once per environment (default ${DEFAULT_CONCURRENCY})
  --junit FILE          JUnit XML of every environment in one file; --json FILE: per-case results
  --target testbed      (default) start a fresh local testbed per environment, run, tear it down
  --target external     run against the ESB that the environment variables of contract §1.1 name;
                        --client-env completes them (e.g. .testbed/{env}.env), variables already set win
  --allow control-plane let hooks restart or crash services of an external ESB`;

export class RunArgsError extends Error {}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Parses `esb-e2e run` arguments; throws RunArgsError with one line for an unknown or malformed flag. */
export function parseRunArgs(args: readonly string[]): RunOptions {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        env: { type: 'string', multiple: true },
        suite: { type: 'string', multiple: true },
        id: { type: 'string', multiple: true },
        grep: { type: 'string' },
        shard: { type: 'string' },
        concurrency: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        target: { type: 'string' },
        'client-env': { type: 'string' },
        allow: { type: 'string', multiple: true },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new RunArgsError((error as Error).message);
  }
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const strs = (name: string): string[] | undefined => {
    const v = values[name];
    return Array.isArray(v) ? v : undefined;
  };
  const target = str('target') ?? 'testbed';
  if (target !== 'testbed' && target !== 'external')
    throw new RunArgsError(`--target must be testbed or external, not '${target}'`);
  const grep = str('grep');
  if (grep !== undefined && grep.trim() === '') throw new RunArgsError('--grep needs a non-empty text');
  const envFile = str('client-env');
  if (envFile !== undefined && target !== 'external')
    throw new RunArgsError(
      '--client-env applies to --target external; the testbed provides its own environment',
    );
  try {
    const shardText = str('shard');
    const concurrencyText = str('concurrency');
    return {
      envs: splitList(strs('env')),
      suites: splitList(strs('suite')),
      ids: splitList(strs('id')),
      grep,
      shard: shardText === undefined ? undefined : parseShard(shardText),
      concurrency:
        concurrencyText === undefined
          ? DEFAULT_CONCURRENCY
          : parseConcurrency(concurrencyText, '--concurrency'),
      junit: str('junit'),
      json: str('json'),
      target,
      envFile,
      allow: parseScopes(splitList(strs('allow')), '--allow'),
    };
  } catch (error) {
    if (error instanceof ShardSyntaxError || error instanceof RunVariableError)
      throw new RunArgsError(error.message);
    throw error;
  }
}
