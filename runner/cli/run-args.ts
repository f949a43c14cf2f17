import type { HookScope } from '../hooks/hook-types.ts';
import {
  DEFAULT_CONCURRENCY,
  parseConcurrency,
  parseScopes,
  RunVariableError,
} from '../node/run-variables.ts';
import { parseShard, type Shard, ShardSyntaxError } from '../plan/shard.ts';
import { parseOptions, UsageError } from './parse-options.ts';
import {
  type CaseSelection,
  readSelection,
  SELECTION_HELP,
  SELECTION_OPTIONS,
  SELECTION_SYNOPSIS,
  splitList,
} from './selection-args.ts';

export type RunTarget = 'testbed' | 'external';

/** `esb-e2e run` options, parsed and checked for form (names are checked against the catalogue later). */
export interface RunOptions extends CaseSelection {
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

export const RUN_USAGE = `usage: esb-e2e run ${SELECTION_SYNOPSIS} [options]
${SELECTION_HELP}
  --shard i/n           the i-th of n parts of each environment's cases (round-robin in run order)
  --concurrency N       cases at once per environment (default ${DEFAULT_CONCURRENCY})
  --junit FILE          JUnit XML of every environment in one file; --json FILE: per-case results
                        (missing folders are created; a path that cannot be written stops the run first)
  --target testbed      (default) start a fresh local testbed per environment, run, tear it down
  --target external     run against the ESB that the environment variables of contract §1.1 name;
                        --client-env completes them (e.g. .testbed/{env}.env), variables already set win
  --allow control-plane let hooks restart or crash services of an external ESB
exit code: 0 when no case failed and at least one passed, 1 otherwise, 2 for a usage or configuration
error (nothing ran)`;

const RUN_OPTIONS = {
  ...SELECTION_OPTIONS,
  shard: { type: 'string' },
  concurrency: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'string' },
  target: { type: 'string' },
  'client-env': { type: 'string' },
  allow: { type: 'string', multiple: true },
} as const;

/** A `run` command line it cannot take; the message is one line. */
export class RunArgsError extends UsageError {}

/** Parses `esb-e2e run` arguments; throws RunArgsError with one line for an unknown or malformed flag. */
export function parseRunArgs(args: readonly string[]): RunOptions {
  try {
    const parsed = parseOptions(args, RUN_OPTIONS);
    const selection = readSelection(parsed);
    const target = parsed.string('target') ?? 'testbed';
    if (target !== 'testbed' && target !== 'external')
      throw new RunArgsError(`--target must be testbed or external, not '${target}'`);
    const envFile = parsed.string('client-env');
    if (envFile !== undefined && target !== 'external')
      throw new RunArgsError(
        '--client-env applies to --target external; the testbed provides its own environment',
      );
    const shardText = parsed.string('shard');
    const concurrencyText = parsed.string('concurrency');
    return {
      ...selection,
      shard: shardText === undefined ? undefined : parseShard(shardText),
      concurrency:
        concurrencyText === undefined
          ? DEFAULT_CONCURRENCY
          : parseConcurrency(concurrencyText, '--concurrency'),
      junit: parsed.string('junit'),
      json: parsed.string('json'),
      target,
      envFile,
      allow: parseScopes(splitList(parsed.strings('allow')), '--allow'),
    };
  } catch (error) {
    if (error instanceof RunArgsError) throw error;
    if (error instanceof UsageError || error instanceof ShardSyntaxError || error instanceof RunVariableError)
      throw new RunArgsError(error.message);
    throw error;
  }
}
