import type { HookScope } from '../../hooks/hook-types.ts';

/**
 * Run targets: what `esb-e2e run --target <name>` runs the cases against. The runner knows only the interface and
 * its own `external` target (runner/targets/external-target.ts); the composition root (bin/esb-e2e.mjs) hands the
 * table to the CLI, with the local testbed (testbed/target/testbed-target.ts) first, so that it is the default.
 */

/** The client environment of one environment of the run, and how to release what was started for it. */
export interface PreparedTarget {
  readonly clientEnv: Record<string, string>;
  /** Seconds spent starting it (0 for an ESB that was already there). */
  readonly setupSeconds: number;
  /**
   * Releases what was started for the environment. Returns lines for stdout, e.g. where a testbed kept the service
   * logs of a run in which a case failed.
   */
  release(outcome: ReleaseOutcome): Promise<readonly string[]>;
}

/** How the environment's run went, for a target that keeps evidence of a failure before it tears down. */
export interface ReleaseOutcome {
  /** A case failed, or the run of the environment itself did. */
  readonly failed: boolean;
}

/** What of the `run` options a target reads. */
export interface TargetOptions {
  /** Environments named with --env; empty: every environment of the matrix. */
  readonly envs: readonly string[];
  /** --client-env: a KEY=VALUE file per environment, `{env}` replaced by its name. */
  readonly envFile: string | undefined;
  /** --allow: hook scopes allowed on top of those the target allows by itself. */
  readonly allow: readonly HookScope[];
  /** --esb (or ESB_E2E_ESB): the ESB revision the catalogue is loaded for; undefined: the project's default. */
  readonly esb?: { readonly name: string } | undefined;
}

/**
 * When a target is prepared for an environment:
 * - `before-any-case`: every environment of the run is prepared (checked) before any case of any environment
 *   starts; one that fails stops the run (exit 2, nothing ran);
 * - `in-each-job`: inside each environment's job, all environments at once; one that fails fails the cases of
 *   its environment as not run, and the other environments go on.
 */
export type TargetPreparation = 'before-any-case' | 'in-each-job';

/** Lines the run prints about an environment's target; each is the whole line, `esb-e2e run: ` excepted. */
export interface TargetWording {
  /** What the run's first line runs against: `esb-e2e run: e2e-docker (3 cases) against <against>`. */
  readonly against: string;
  /** Before preparing an environment (stdout), e.g. `[e2e-docker] starting a fresh testbed`. */
  readonly starting?: (env: string) => string;
  /** Once prepared (stdout), e.g. `[e2e-docker] testbed up in 1m 02s`. */
  readonly ready?: (env: string, setupSeconds: number) => string;
  /** Once released (stdout), e.g. `[e2e-docker] testbed down`. */
  readonly released?: (env: string) => string;
  /** When the release failed (stderr, after `esb-e2e run: `): the problem and what to run instead. */
  readonly releaseFailed?: (env: string, message: string) => string;
}

/**
 * A second platform per environment for the cases that take the whole platform (`resources.exclusive:
 * [platform]`: restarts, crashes), which otherwise run after every other case (runner/plan/run-phases.ts): on
 * a platform of their own they run beside the others. A fresh testbed can offer one; an external ESB cannot.
 */
export interface PlatformLane {
  readonly wording: TargetWording;
  /** Prepares the environment's second platform, as RunTarget.prepare does the first. */
  prepare(env: string, options: TargetOptions, signal: AbortSignal): Promise<PreparedTarget>;
}

/** One run target, as the `run` command's table of targets holds it. */
export interface RunTarget {
  /** The value of --target. */
  readonly name: string;
  /**
   * Its lines in `esb-e2e run --help`, after `--target <name>`: a one-line summary, then any continuation
   * lines (the table marks the default target with `(default)` itself).
   */
  readonly help: readonly string[];
  /** Hook scopes allowed against it whatever --allow says (the testbed is ours: control-plane). */
  readonly allows: readonly HookScope[];
  readonly preparation: TargetPreparation;
  readonly wording: TargetWording;
  /**
   * A problem of the command line with this target, one line, reported as a usage error right after --target is
   * read (before --shard, --concurrency and --allow); undefined when none.
   */
  argsProblem?(args: { readonly envFile: string | undefined }): string | undefined;
  /**
   * Problems of the planned run with this target, one line each, reported before anything starts (exit 2).
   * `plannedEnvs`: the environments the run covers (every environment of the matrix when --env is not given).
   */
  planProblems?(options: TargetOptions, plannedEnvs: readonly string[]): string[];
  /** Checked once, before any environment is prepared: a one-line problem stops the run (exit 2). */
  check?(signal: AbortSignal): Promise<string | undefined>;
  /** Prepares one environment; throws an Error whose message is one line naming the environment's problem. */
  prepare(env: string, options: TargetOptions, signal: AbortSignal): Promise<PreparedTarget>;
  /** Only with `in-each-job` preparation: a second platform for the platform-wide cases (PlatformLane). */
  readonly platformLane?: PlatformLane;
}

/** The table of run targets; the first one is the default. */
export type RunTargets = readonly RunTarget[];

/** `a`, `a or b`, `a, b or c`. */
function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The default target: the first of the table. */
export function defaultTarget(targets: RunTargets): RunTarget {
  const [first] = targets;
  if (first === undefined) throw new Error('the table of run targets is empty');
  return first;
}

/** The target of that name, or undefined. */
export function targetNamed(targets: RunTargets, name: string): RunTarget | undefined {
  return targets.find((t) => t.name === name);
}

/** The one-line problem of a --target value that names no target of the table. */
export function unknownTargetProblem(targets: RunTargets, name: string): string {
  return `--target must be ${orList(targets.map((t) => t.name))}, not '${name}'`;
}

/** The --target lines of `esb-e2e run --help`, aligned with the other options (text from column 25). */
export function targetHelpLines(targets: RunTargets): string[] {
  const lines: string[] = [];
  targets.forEach((target, i) => {
    const [summary = '', ...rest] = target.help;
    lines.push(`  ${`--target ${target.name}`.padEnd(21)} ${i === 0 ? '(default) ' : ''}${summary}`);
    for (const line of rest) lines.push(`${' '.repeat(24)}${line}`);
  });
  return lines;
}

/** The hook scopes allowed against the target: its own, then those of --allow. */
export function allowedScopes(target: RunTarget, allow: readonly HookScope[]): HookScope[] {
  return [...target.allows, ...allow.filter((scope) => !target.allows.includes(scope))];
}
