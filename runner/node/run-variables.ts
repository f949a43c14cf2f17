import type { HookScope } from '../../hooks/hook-types.ts';
import { ESB_REVISION_VARIABLE } from '../load/load-esb-revisions.ts';
import { asPhase, RUN_PHASES, type RunPhase } from '../plan/run-phases.ts';
import { parseShard, type Shard } from '../plan/shard.ts';

/**
 * The ESB_E2E_* variables an entry file (e2e/*.test.ts) reads. `esb-e2e run` sets them for each node:test
 * process it spawns; a user running `node --test e2e/…` directly may set them by hand.
 */
export const RUN_VARIABLE = {
  /** Environment name of the matrix (default: its first environment). */
  env: 'ESB_E2E_ENV',
  /** The ESB revision of environments/esb_revisions.yaml the catalogue is loaded for (default: its default). */
  esb: ESB_REVISION_VARIABLE,
  /** Comma lists filtering the cases. */
  suites: 'ESB_E2E_SUITES',
  ids: 'ESB_E2E_IDS',
  /** Substring of `<ID> <name>`, ignoring case. */
  grep: 'ESB_E2E_GREP',
  /** `i/n`: this process runs the i-th of n parts of the environment's cases. */
  shard: 'ESB_E2E_SHARD',
  /** main: the cases that leave the platform alone; last: those that take it whole (runner/plan/run-phases.ts). Unset: all. */
  phase: 'ESB_E2E_PHASE',
  /**
   * A file naming the only cases to run, one `<ID> <name>` title per line, as `esb-e2e run --last-failed` writes
   * it; every other filter still applies.
   */
  caseList: 'ESB_E2E_CASE_LIST',
  /** Cases at once per environment, across every entry file (default 4). */
  concurrency: 'ESB_E2E_CONCURRENCY',
  /** `1`: record each case's trace (steps, exchanges, checks) for the run's reports; set by `esb-e2e run --html`/`--json`. */
  trace: 'ESB_E2E_TRACE',
  /** Folder of the resource locks and run slots; shared by every node:test process of one run. */
  lockDir: 'ESB_E2E_LOCK_DIR',
  /**
   * `process`: this process is the only one using the lock folder (`esb-e2e run` runs each phase of an
   * environment in one process), so locks and run slots are kept in its memory, not in files. Unset or
   * `folder`: files, shared with every other process of the run (node --test runs each entry file in its own).
   */
  lockScope: 'ESB_E2E_LOCK_SCOPE',
  /** A KEY=VALUE file completing the client environment (variables already set win). */
  envFile: 'ESB_E2E_ENV_FILE',
  /** Hook scopes allowed besides read-only, comma list (control-plane). */
  allow: 'ESB_E2E_ALLOW',
  /** Another project root (catalogue and matrix), for tests of the runner itself. */
  root: 'ESB_E2E_ROOT',
  /**
   * Folder where the processes of one run meet (markers, tallies, case timings; runner/node/run-scratch.ts).
   * `esb-e2e run` points it into its own temp folder, which it removes at the end; unset, a folder in tmp.
   */
  scratchDir: 'ESB_E2E_SCRATCH_DIR',
} as const;

export const DEFAULT_CONCURRENCY = 4;

/** Where a process keeps the run's locks and run slots (RUN_VARIABLE.lockScope). */
export type LockScope = 'folder' | 'process';
const LOCK_SCOPES: readonly LockScope[] = ['folder', 'process'];

/** What the ESB_E2E_* variables select, parsed. */
export interface RunVariables {
  readonly env: string | undefined;
  readonly esb: string | undefined;
  readonly suites: readonly string[];
  readonly ids: readonly string[];
  readonly grep: string | undefined;
  readonly shard: Shard | undefined;
  /** The path of the case list (RUN_VARIABLE.caseList), read when the entry file plans. */
  readonly caseList: string | undefined;
  readonly phase: RunPhase | undefined;
  readonly concurrency: number;
  readonly lockDir: string | undefined;
  readonly lockScope: LockScope;
  readonly trace: boolean;
  readonly envFile: string | undefined;
  readonly allow: readonly HookScope[];
}

export class RunVariableError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function list(env: Env, name: string): string[] {
  return (text(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseConcurrency(raw: string, source: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new RunVariableError(`${source}=${raw} is not a positive whole number; use e.g. 4`);
  return value;
}

const HOOK_SCOPES: readonly HookScope[] = ['control-plane', 'read-only'];

export function parseScopes(names: readonly string[], source: string): HookScope[] {
  for (const name of names) {
    if (!(HOOK_SCOPES as readonly string[]).includes(name))
      throw new RunVariableError(`${source}: unknown hook scope '${name}'; known: ${HOOK_SCOPES.join(', ')}`);
  }
  return names as HookScope[];
}

/** Reads the ESB_E2E_* variables; throws RunVariableError naming a malformed one. */
export function readRunVariables(env: Env): RunVariables {
  const shardText = text(env, RUN_VARIABLE.shard);
  const concurrencyText = text(env, RUN_VARIABLE.concurrency);
  let shard: Shard | undefined;
  try {
    shard = shardText === undefined ? undefined : parseShard(shardText);
  } catch (error) {
    throw new RunVariableError(`${RUN_VARIABLE.shard}: ${(error as Error).message}`);
  }
  const lockScopeText = text(env, RUN_VARIABLE.lockScope) ?? 'folder';
  if (!(LOCK_SCOPES as readonly string[]).includes(lockScopeText))
    throw new RunVariableError(
      `${RUN_VARIABLE.lockScope}=${lockScopeText} is not one of ${LOCK_SCOPES.join(', ')}`,
    );
  const phaseText = text(env, RUN_VARIABLE.phase);
  const phase = asPhase(phaseText);
  if (phaseText !== undefined && phase === undefined)
    throw new RunVariableError(`${RUN_VARIABLE.phase}=${phaseText} is not one of ${RUN_PHASES.join(', ')}`);
  return {
    env: text(env, RUN_VARIABLE.env),
    esb: text(env, RUN_VARIABLE.esb),
    suites: list(env, RUN_VARIABLE.suites),
    ids: list(env, RUN_VARIABLE.ids),
    grep: text(env, RUN_VARIABLE.grep),
    shard,
    caseList: text(env, RUN_VARIABLE.caseList),
    phase,
    concurrency:
      concurrencyText === undefined
        ? DEFAULT_CONCURRENCY
        : parseConcurrency(concurrencyText, RUN_VARIABLE.concurrency),
    lockDir: text(env, RUN_VARIABLE.lockDir),
    lockScope: lockScopeText as LockScope,
    trace: text(env, RUN_VARIABLE.trace) === '1',
    envFile: text(env, RUN_VARIABLE.envFile),
    allow: parseScopes(list(env, RUN_VARIABLE.allow), RUN_VARIABLE.allow),
  };
}

/** The variables that make an entry file run exactly this selection; the inverse of readRunVariables. */
export function runVariablesFor(selection: {
  readonly env: string;
  readonly esb?: string | undefined;
  readonly suites: readonly string[];
  readonly ids: readonly string[];
  readonly grep?: string | undefined;
  readonly shard?: Shard | undefined;
  readonly caseList?: string | undefined;
  readonly phase?: RunPhase | undefined;
  readonly concurrency: number;
  readonly lockDir: string;
  readonly lockScope?: LockScope | undefined;
  readonly trace?: boolean | undefined;
  readonly allow: readonly HookScope[];
}): Record<string, string> {
  const out: Record<string, string> = {
    [RUN_VARIABLE.env]: selection.env,
    [RUN_VARIABLE.concurrency]: String(selection.concurrency),
    [RUN_VARIABLE.lockDir]: selection.lockDir,
  };
  if (selection.esb !== undefined) out[RUN_VARIABLE.esb] = selection.esb;
  if (selection.suites.length > 0) out[RUN_VARIABLE.suites] = selection.suites.join(',');
  if (selection.ids.length > 0) out[RUN_VARIABLE.ids] = selection.ids.join(',');
  if (selection.grep !== undefined) out[RUN_VARIABLE.grep] = selection.grep;
  if (selection.shard !== undefined)
    out[RUN_VARIABLE.shard] = `${selection.shard.index}/${selection.shard.total}`;
  if (selection.caseList !== undefined) out[RUN_VARIABLE.caseList] = selection.caseList;
  if (selection.phase !== undefined) out[RUN_VARIABLE.phase] = selection.phase;
  if (selection.lockScope !== undefined && selection.lockScope !== 'folder')
    out[RUN_VARIABLE.lockScope] = selection.lockScope;
  if (selection.trace === true) out[RUN_VARIABLE.trace] = '1';
  if (selection.allow.length > 0) out[RUN_VARIABLE.allow] = selection.allow.join(',');
  return out;
}
