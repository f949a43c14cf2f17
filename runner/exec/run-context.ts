import { HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { HookDefinition, HookScope } from '../../hooks/hook-types.ts';
import { type Redactor, redactorFromEnv } from '../config/redact.ts';
import { type ClientSettings, deriveSettings } from '../config/settings.ts';
import { FixtureCache } from './fixtures.ts';
import { folderLocks, type LockTable } from './resource-lock.ts';

/** What every case of one run against one environment shares. */
export interface RunContext {
  /** Project root; catalogue files (site.file) are relative to it, failure text quotes their lines. */
  readonly projectRoot: string;
  /** The client environment (contract §1.1). */
  readonly env: Readonly<Record<string, string>>;
  readonly settings: ClientSettings;
  readonly redactor: Redactor;
  /** health and auth fixtures, one per catalogue file within this run. */
  readonly fixtures: FixtureCache;
  /** Folder of the resource lock files, shared by every process of the run. */
  readonly lockDir: string;
  /** The run's named locks: the files of lockDir, or this process's memory when it uses lockDir alone. */
  readonly locks: LockTable;
  /**
   * Runs a case's steps once the run allows one more case at once (esb-e2e's run slots), after its resource
   * locks: a case waiting for another's resource holds no slot meanwhile. Without it, the steps run at once.
   */
  readonly runSlot?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Hook scopes allowed besides `read-only` (which is always allowed), e.g. control-plane via --allow. */
  readonly allowedHookScopes: ReadonlySet<HookScope>;
  /** Hooks by name: HOOK_TABLE unless a caller supplies its own. */
  readonly hooks: Readonly<Record<string, HookDefinition>>;
  readonly signal: AbortSignal;
  /** Record each case's trace (steps, exchanges, checks) for a report that shows it; off: nothing is kept. */
  readonly trace?: boolean;
}

export interface RunContextOptions {
  readonly projectRoot: string;
  readonly env: Readonly<Record<string, string>>;
  readonly lockDir: string;
  /** Default: the lock files of lockDir. */
  readonly locks?: LockTable;
  readonly allowedHookScopes?: Iterable<HookScope>;
  readonly hooks?: Readonly<Record<string, HookDefinition>>;
  readonly signal?: AbortSignal;
  readonly fixtures?: FixtureCache;
  readonly trace?: boolean;
}

/** A run context with settings and secrets derived from the environment (throws ConfigurationError). */
export function createRunContext(options: RunContextOptions): RunContext {
  return {
    projectRoot: options.projectRoot,
    env: options.env,
    settings: deriveSettings(options.env),
    redactor: redactorFromEnv(options.env),
    fixtures: options.fixtures ?? new FixtureCache(),
    lockDir: options.lockDir,
    locks: options.locks ?? folderLocks(options.lockDir),
    allowedHookScopes: new Set(options.allowedHookScopes ?? []),
    hooks: options.hooks ?? HOOK_TABLE,
    signal: options.signal ?? new AbortController().signal,
    ...(options.trace === true ? { trace: true } : {}),
  };
}
