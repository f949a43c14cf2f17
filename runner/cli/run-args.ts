import type { HookScope } from '../../hooks/hook-types.ts';
import {
  DEFAULT_CONCURRENCY,
  parseConcurrency,
  parseScopes,
  RunVariableError,
} from '../node/run-variables.ts';
import { parseShard, type Shard, ShardSyntaxError } from '../plan/shard.ts';
import { reportOptionLines } from '../report/report-formats.ts';
import {
  defaultTarget,
  type RunTargets,
  targetHelpLines,
  targetNamed,
  unknownTargetProblem,
} from '../targets/run-target.ts';
import { LAST_RUN_FILE } from './last-run.ts';
import { parseOptions, positiveSeconds, UsageError } from './parse-options.ts';
import { REPORT_OPTIONS, reportPaths } from './report-files.ts';
import {
  type CaseSelection,
  readSelection,
  SELECTION_HELP,
  SELECTION_OPTIONS,
  SELECTION_SYNOPSIS,
  splitList,
} from './selection-args.ts';

/** `esb-e2e run` options, parsed and checked for form (names are checked against the catalogue later). */
export interface RunOptions extends CaseSelection {
  readonly shard: Shard | undefined;
  /** Cases at once per environment. */
  readonly concurrency: number;
  /** Report files by format option (REPORT_FORMATS): `junit` -> the path of `--junit FILE`. */
  readonly reports: ReadonlyMap<string, string>;
  /** The name of a target of the table given to the CLI (the default: its first). */
  readonly target: string;
  /**
   * External target: a KEY=VALUE file per environment (--client-env; `{env}` in it is replaced by the
   * environment name). Not --env-file: node 20 claims that flag anywhere on its command line.
   */
  readonly envFile: string | undefined;
  /** Hook scopes allowed against an external ESB (the testbed allows every scope). */
  readonly allow: readonly HookScope[];
  /** --timeout: seconds after which the run stops as on a signal (exit RUN_TIMEOUT_EXIT); undefined: none. */
  readonly timeoutSeconds: number | undefined;
  /** --repeat-each: how many times each selected case runs, one round of the whole selection after another. */
  readonly repeatEach: number;
  /** --last-failed: only the cases that failed or did not finish in the project's last run (last-run.ts). */
  readonly lastFailed: boolean;
  /** Whether a terminal gets the live status line (live-status.ts); --no-live turns it off. */
  readonly live: boolean;
}

/** The most rounds --repeat-each takes: enough to hunt a one-in-a-hundred flake, bounded all the same. */
export const MAX_REPEAT_EACH = 1000;

/** The exit code of a run stopped by --timeout, as timeout(1) exits. */
export const RUN_TIMEOUT_EXIT = 124;

/** The longest --timeout: a week, far below the 24.8 days where Node timers overflow and fire at once. */
const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

/** What `esb-e2e run --help` prints; the --target lines come from the table of targets. */
export function runUsage(targets: RunTargets): string {
  return `usage: esb-e2e run ${SELECTION_SYNOPSIS} [options]
${SELECTION_HELP}
  --shard i/n           the i-th of n parts of each environment's cases (round-robin in run order)
  --concurrency N       cases at once per environment (default ${DEFAULT_CONCURRENCY})
${reportOptionLines()}
                        (missing folders are created; a path that cannot be written stops the run first)
${targetHelpLines(targets).join('\n')}
  --allow control-plane let hooks restart or crash services of an external ESB
  --timeout SECONDS     stop the run after this long, as a signal does; exit ${RUN_TIMEOUT_EXIT}
  --repeat-each N       run the selection N times over (one round after another); a case that passes in
                        some rounds and fails in others is reported as flaky
  --last-failed         only the cases that failed or did not finish in the project's last run
                        (${LAST_RUN_FILE} in the project, which every run writes)
  --no-live             on a terminal, no live status line, only the progress lines (as in a pipe);
                        NO_COLOR turns its colours off
exit code: 0 when no case failed and at least one passed, 1 otherwise, 2 for a usage or configuration
error (nothing ran); SIGINT, SIGTERM or SIGHUP stop the run (cases still running are "not run", testbeds go
down, reports are written) with 130, 143 or 129`;
}

const RUN_OPTIONS = {
  ...SELECTION_OPTIONS,
  shard: { type: 'string' },
  concurrency: { type: 'string' },
  ...REPORT_OPTIONS,
  target: { type: 'string' },
  'client-env': { type: 'string' },
  allow: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'repeat-each': { type: 'string' },
  'last-failed': { type: 'boolean' },
  'no-live': { type: 'boolean' },
} as const;

/** A `run` command line it cannot take; the message is one line. */
export class RunArgsError extends UsageError {}

/**
 * Parses `esb-e2e run` arguments, --target against the table of targets; throws RunArgsError with one line for an
 * unknown or malformed flag.
 */
export function parseRunArgs(args: readonly string[], targets: RunTargets): RunOptions {
  try {
    const parsed = parseOptions(args, RUN_OPTIONS);
    const selection = readSelection(parsed);
    const target = parsed.string('target') ?? defaultTarget(targets).name;
    const entry = targetNamed(targets, target);
    if (entry === undefined) throw new RunArgsError(unknownTargetProblem(targets, target));
    const envFile = parsed.string('client-env');
    const problem = entry.argsProblem?.({ envFile });
    if (problem !== undefined) throw new RunArgsError(problem);
    const shardText = parsed.string('shard');
    const concurrencyText = parsed.string('concurrency');
    const timeoutText = parsed.string('timeout');
    const repeatText = parsed.string('repeat-each');
    return {
      ...selection,
      shard: shardText === undefined ? undefined : parseShard(shardText),
      concurrency:
        concurrencyText === undefined
          ? DEFAULT_CONCURRENCY
          : parseConcurrency(concurrencyText, '--concurrency'),
      reports: reportPaths(parsed),
      target,
      envFile,
      allow: parseScopes(splitList(parsed.strings('allow')), '--allow'),
      timeoutSeconds:
        timeoutText === undefined
          ? undefined
          : positiveSeconds('timeout', timeoutText, MAX_TIMEOUT_SECONDS, 1800),
      repeatEach: repeatText === undefined ? 1 : parseRepeatEach(repeatText),
      lastFailed: parsed.flag('last-failed'),
      live: !parsed.flag('no-live'),
    };
  } catch (error) {
    if (error instanceof RunArgsError) throw error;
    if (error instanceof UsageError || error instanceof ShardSyntaxError || error instanceof RunVariableError)
      throw new RunArgsError(error.message);
    throw error;
  }
}

function parseRepeatEach(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < 1 || value > MAX_REPEAT_EACH)
    throw new RunArgsError(
      `--repeat-each ${text} is not a whole number from 1 to ${MAX_REPEAT_EACH}; e.g. --repeat-each 3`,
    );
  return value;
}
