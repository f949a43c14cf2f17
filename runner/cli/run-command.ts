import { setMaxListeners } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nonDefaultRevision } from '../../language/eval/esb-revision.ts';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { escapeControls } from '../../language/text/control-characters.ts';
import { type CliIo, cliIo } from '../config/command-io.ts';
import { type Redactor, redactorFromEnv, weakSecretWarning } from '../config/redact.ts';
import { linkOrCopy } from '../files/link-or-copy.ts';
import { makeDirectory } from '../files/make-directory.ts';
import { cachedSnapshotOf } from '../load/catalogue-cache.ts';
import { snapshotTexts, writeCatalogueSnapshot } from '../load/catalogue-snapshot.ts';
import { buildEntryBundle, type EntryBundle, runBundleFolder } from '../node/entry-bundle.ts';
import { entryFileFor } from '../node/entry-files.ts';
import { runEnvironmentCases } from '../node/run-environment.ts';
import { type EnvironmentPlan, planRun, type RunSelection } from '../plan/plan-run.ts';
import { phaseOf } from '../plan/run-phases.ts';
import { UnknownSelectionError } from '../plan/select-cases.ts';
import { closingLines } from '../report/closing-lines.ts';
import { jsonReport } from '../report/json-report.ts';
import { progressLine } from '../report/progress-line.ts';
import {
  type CaseOutcome,
  type EnvironmentOutcome,
  exitCodeOf,
  interruptedCase,
  notRunOutcome,
  type RunInfo,
  stopReason,
} from '../report/run-results.ts';
import { TIME_SPLIT_VARIABLE, timeSplit, timeSplitLine } from '../report/time-split.ts';
import {
  allowedScopes,
  type PlatformLane,
  type PreparedTarget,
  type RunTarget,
  type RunTargets,
  targetNamed,
} from '../targets/run-target.ts';
import { batchedLine, flushBatchedLines } from './batched-output.ts';
import { type LastFailed, LastRunError, readLastFailed, writeLastRun } from './last-run.ts';
import { LiveStatus } from './live-status.ts';
import { loadCatalogueOrExit } from './load-or-exit.ts';
import { reportFileProblems, requestedReports, writeReports } from './report-files.ts';
import { parseRunArgs, RUN_TIMEOUT_EXIT, type RunOptions } from './run-args.ts';

// Progress lines leave in batches (batched-output.ts); anything on stderr first lets the lines before it out, so a
// terminal shows both in the order they were written. On a terminal, a run's live status line (live-status.ts)
// stays below them, out of the way of anything on stderr.
const liveOf = new WeakMap<CliIo, LiveStatus>();
const out = (line: string) => {
  const live = liveOf.get(cliIo());
  if (live === undefined) batchedLine(`${line}\n`);
  else live.print(`${live.colourMark(line)}\n`);
};
const err = (line: string) => {
  const io = cliIo();
  const live = liveOf.get(io);
  if (live !== undefined) {
    live.around(() => io.stderr(`${line}\n`));
    return;
  }
  flushBatchedLines();
  io.stderr(`${line}\n`);
};

/** Ends the live status of this command's run, if it has one: the closing lines are plain. */
function stopLive(): void {
  const io = cliIo();
  liveOf.get(io)?.stop();
  liveOf.delete(io);
}

/** The live status of a run whose stdout is a terminal, unless --no-live; NO_COLOR (not empty) drops colours. */
function liveStatusFor(options: RunOptions): LiveStatus | undefined {
  const io = cliIo();
  if (!options.live || io.terminal === undefined) return undefined;
  flushBatchedLines();
  const noColour = io.env.NO_COLOR;
  const live = new LiveStatus({
    write: io.stdout,
    columns: io.terminal.columns,
    colour: noColour === undefined || noColour === '',
  });
  liveOf.set(io, live);
  return live;
}

/** A case outcome with every secret of its environment replaced by ***, before any output sees it. */
function redacted(c: CaseOutcome, redactor: Redactor): CaseOutcome {
  return {
    ...c,
    ...(c.reason === undefined ? {} : { reason: redactor.redact(c.reason) }),
    ...(c.failure === undefined ? {} : { failure: redactor.redact(c.failure) }),
  };
}

/** Problems that stop the run before anything starts, as one line each; empty when the plan can run. */
function planProblems(
  root: string,
  options: RunOptions,
  target: RunTarget,
  plans: readonly EnvironmentPlan[],
): string[] {
  const plannedEnvs = plans.map((p) => p.env);
  const problems: string[] = [...(target.planProblems?.(options, plannedEnvs) ?? [])];
  problems.push(...reportFileProblems(requestedReports(options.reports)));
  const scenarios = new Set(plans.flatMap((p) => p.scenarios));
  for (const scenario of scenarios) {
    const entry = entryFileFor(scenario);
    if (!existsSync(join(root, entry)))
      problems.push(
        `catalog/${scenario}/ has no entry file ${entry}; create it with: registerScenario('${scenario}')`,
      );
  }
  return problems;
}

interface EnvironmentJob {
  readonly plan: EnvironmentPlan;
  /** Prepared before any case for a `before-any-case` target; undefined: the job prepares it. */
  readonly prepared?: PreparedTarget;
}

/** Prepares the target for one environment, with the target's lines before and after. */
async function prepare(
  target: PlatformLane,
  env: string,
  options: RunOptions,
  signal: AbortSignal,
): Promise<PreparedTarget> {
  if (target.wording.starting !== undefined) out(target.wording.starting(env));
  const prepared = await target.prepare(env, options, signal);
  if (target.wording.ready !== undefined) out(target.wording.ready(env, prepared.setupSeconds));
  return prepared;
}

/** `, as ESB <revision>` on the run's first line, for a revision other than the project's default. */
function revisionNote(catalogue: Catalogue): string {
  const revision = nonDefaultRevision(catalogue.esb);
  return revision === undefined ? '' : `, as ESB ${revision.name}`;
}

/** esb-e2e run: plans, checks the configuration, runs every environment in parallel, reports. --help is main's. */
export async function runCommand(args: string[], root: string, targets: RunTargets): Promise<number> {
  const commandAt = performance.now();
  // A malformed command line throws RunArgsError (a UsageError), which main reports with the synopsis.
  const options = parseRunArgs(args, targets);
  const target = targetNamed(targets, options.target);
  if (target === undefined) throw new Error(`parseRunArgs returned the unknown target '${options.target}'`);
  let lastFailed: LastFailed | undefined;
  try {
    lastFailed = options.lastFailed ? readLastFailed(root) : undefined;
  } catch (error) {
    if (!(error instanceof LastRunError)) throw error;
    err(`esb-e2e run: ${error.message}`);
    return 2;
  }
  if (lastFailed?.count === 0) {
    err(`esb-e2e run: ${nothingToRun(lastFailed)}`);
    return 1;
  }
  // Without --env, the environments the failures were in (an external target needs them named).
  const request: RunRequest =
    lastFailed === undefined
      ? options
      : {
          ...options,
          envs: options.envs.length > 0 ? options.envs : [...lastFailed.only.keys()],
          only: lastFailed.only,
        };
  const catalogue = loadCatalogueOrExit(root, options.esb, 'esb-e2e run');
  const loadedAt = performance.now();
  let plans: EnvironmentPlan[];
  try {
    plans = planRun(catalogue, request);
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    err(`esb-e2e run: ${error.message}`);
    return 2;
  }
  const problems = planProblems(root, request, target, plans);
  if (problems.length > 0) {
    for (const p of problems) err(`esb-e2e run: ${p}`);
    return 2;
  }
  const runnable = plans.filter((p) => p.cases.length > 0);
  if (runnable.length === 0) {
    err(`esb-e2e run: ${nothingToRun(lastFailed)}`);
    return 1;
  }
  if (lastFailed !== undefined) {
    const count = runnable.reduce((n, p) => n + p.cases.length, 0);
    out(
      `esb-e2e run: --last-failed: ${count} of the ${lastFailed.count} case(s) that failed or did not finish in the run of ${lastFailed.startedAt.toISOString()}`,
    );
  }
  const plannedAt = performance.now();
  let outcomes: EnvironmentOutcome[] = [];

  const controller = new AbortController();
  // Every environment's jobs, their testbeds and entry files listen on it: more than node's default of 10 is
  // expected, not a leak (two environments with a platform lane each already make 11).
  setMaxListeners(100, controller.signal);
  // The first of these stops the run: cases end as "not run", testbeds are torn down, reports are written. A
  // second signal finds no handler and ends the process the default way.
  let stoppedBy: NodeJS.Signals | undefined;
  const onInterrupt = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    for (const name of STOP_SIGNALS) process.removeListener(name, onInterrupt);
    err(`esb-e2e run: interrupted (${signal}); stopping the cases and tearing down`);
    controller.abort(new Error(`interrupted (${signal})`));
  };
  for (const name of STOP_SIGNALS) process.once(name, onInterrupt);
  let timedOut = false;
  // A stopped run's code: the shell's code for death by the signal (so CI tells a stopped run from a failed
  // one), or timeout(1)'s for --timeout; undefined for a run nobody stopped.
  const stopCode = (): number | undefined => {
    if (stoppedBy !== undefined) return 128 + (constants.signals[stoppedBy] ?? 0);
    return timedOut ? RUN_TIMEOUT_EXIT : undefined;
  };
  const deadline =
    options.timeoutSeconds === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          err(
            `esb-e2e run: --timeout of ${options.timeoutSeconds} s reached; stopping the cases and tearing down`,
          );
          controller.abort(new Error(`the run's --timeout of ${options.timeoutSeconds} s was reached`));
        }, options.timeoutSeconds * 1000);
  const runDir = mkdtempSync(join(tmpdir(), 'esb-e2e-run-'));
  // Inside the package, where the bundle finds its packages without a resolve hook (entry-bundle.ts); in the
  // run's folder when the package cannot be written.
  let bundleDir: string | undefined;
  try {
    bundleDir = runBundleFolder();
  } catch {
    bundleDir = undefined;
  }
  const files: RunFiles = {
    dir: runDir,
    // Built while the target gets ready; every node:test process of the run loads it (entry-bundle.ts).
    bundling: bundleForRun(
      runDir,
      [...new Set(runnable.flatMap((p) => p.cases.map((c) => join(root, entryFileFor(c.scenario)))))],
      bundleDir,
    ),
    catalogueSnapshot: snapshotForRun(catalogue, runDir),
  };
  try {
    const unready = await target.check?.(controller.signal);
    if (unready !== undefined) {
      err(`esb-e2e run: ${unready}`);
      return stopCode() ?? 2;
    }
    let jobs: EnvironmentJob[];
    if (target.preparation === 'before-any-case') {
      // Every environment is prepared (checked) before any case of any environment starts.
      const prepared = await Promise.allSettled(
        runnable.map((p) => prepare(target, p.env, options, controller.signal)),
      );
      const failed = prepared.filter((r) => r.status === 'rejected');
      if (failed.length > 0) {
        for (const r of failed) err(`esb-e2e run: ${(r.reason as Error).message}`);
        // Stopped while preparing: the stop's code, not a configuration error's.
        return stopCode() ?? 2;
      }
      jobs = runnable.map((plan, i) => ({
        plan,
        prepared: (prepared[i] as PromiseFulfilledResult<PreparedTarget>).value,
      }));
    } else {
      // Each job prepares its own environment, all at once.
      jobs = runnable.map((plan) => ({ plan }));
    }

    const started = new Date();
    out(
      `esb-e2e run: ${runnable.map((p) => `${p.env} (${p.cases.length} case${p.cases.length === 1 ? '' : 's'})`).join(', ')} against ${target.wording.against}${revisionNote(catalogue)}`,
    );
    // Warnings printed once per run, whichever environment met them first.
    const warned = new Set<string>();
    const live = liveStatusFor(options);
    for (const job of jobs) live?.begin(job.plan.env, job.plan.cases.length * options.repeatEach);
    outcomes = await Promise.all(
      jobs.map((job) => runJob(job, target, root, files, request, controller.signal, warned)),
    );
    stopLive();
    const durationMs = Date.now() - started.getTime();

    for (const line of closingLines(outcomes, durationMs)) out(line);
    const runInfo: RunInfo = {
      startedAt: started,
      durationMs,
      ...(catalogue.esb === undefined
        ? {}
        : { esb: { revision: catalogue.esb.revision.name, commit: catalogue.esb.revision.commit } }),
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(options.repeatEach === 1 ? {} : { repeatEach: options.repeatEach }),
    };
    const { problems: unwritten, pages } = writeReports(requestedReports(options.reports), outcomes, runInfo);
    for (const problem of unwritten) err(`esb-e2e run: ${problem}`);
    for (const page of pages) out(page);
    // Not asked for, so not worth failing the run over: --last-failed says later that there is no last run.
    const unkept = writeLastRun(root, jsonReport(outcomes, runInfo));
    if (unkept !== undefined) err(`esb-e2e run: warning: ${unkept}`);
    // A report CI expects but cannot find must not pass unnoticed: 2, as for a configuration error.
    if (unwritten.length > 0) return 2;
    return stopCode() ?? exitCodeOf(outcomes);
  } finally {
    stopLive();
    clearTimeout(deadline);
    for (const name of STOP_SIGNALS) process.removeListener(name, onInterrupt);
    // The bundle is written into the run's folder: not removed before its build has ended.
    await files.bundling;
    rmSync(runDir, { recursive: true, force: true });
    if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
    flushBatchedLines();
    const split =
      process.env[TIME_SPLIT_VARIABLE] === '1'
        ? timeSplit({ commandAt, loadedAt, plannedAt, endedAt: performance.now() }, outcomes)
        : undefined;
    if (split !== undefined) err(`esb-e2e run: ${timeSplitLine(split)}`);
  }
}

/** What the run writes into its folder for its node:test processes. */
interface RunFiles {
  readonly dir: string;
  readonly bundling: Promise<EntryBundle | undefined>;
  /** The catalogue as the run loaded it (catalogue-snapshot.ts), unless it could not be written. */
  readonly catalogueSnapshot: string | undefined;
}

/** The run's catalogue for its processes; one that cannot be written costs speed: each process loads its own. */
function snapshotForRun(catalogue: Catalogue, runDir: string): string | undefined {
  const path = join(runDir, 'catalogue.json');
  // The catalogue cache's entry is already its snapshot: linked (or copied), not written again.
  const cached = cachedSnapshotOf(catalogue);
  if (cached !== undefined)
    try {
      linkOrCopy(snapshotTexts(cached), snapshotTexts(path));
      linkOrCopy(cached, path);
      return path;
    } catch {
      // written below instead
    }
  try {
    writeCatalogueSnapshot(catalogue, path);
    return path;
  } catch (error) {
    err(
      `esb-e2e run: the catalogue could not be written for the case processes (${(error as Error).message}); each loads it instead`,
    );
    return undefined;
  }
}

/**
 * The run's bundle of the entry API. A bundle that cannot be built costs speed, not the run: the processes then
 * load the sources, as a plain `node --test` does.
 */
async function bundleForRun(
  runDir: string,
  entryFiles: readonly string[],
  bundleDir: string | undefined,
): Promise<EntryBundle | undefined> {
  try {
    return await buildEntryBundle(bundleDir ?? join(runDir, 'entry-bundle'), entryFiles);
  } catch (error) {
    err(
      `esb-e2e run: the runner could not be bundled for the case processes (${(error as Error).message.split('\n')[0]}); they load its sources instead`,
    );
    return undefined;
  }
}

/** Signals that stop a run cleanly: Ctrl-C, a CI job's cancellation or timeout, a closed terminal. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** One environment: its target (prepared here unless it was before any case), its cases, then the release. */
async function runJob(
  job: EnvironmentJob,
  target: RunTarget,
  root: string,
  files: RunFiles,
  options: RunRequest,
  signal: AbortSignal,
  warned: Set<string>,
): Promise<EnvironmentOutcome> {
  const { env } = job.plan;
  const began = Date.now();
  const runDir = files.dir;
  const lockDir = join(runDir, env);
  makeDirectory(lockDir);
  let prepared = job.prepared;
  // The cases that take the whole platform on a platform of their own, when the target offers one and there
  // are other cases to run beside them (otherwise a second platform would only cost its start).
  const phases = new Set(job.plan.cases.map(phaseOf));
  const lane =
    prepared === undefined && phases.has('main') && phases.has('last') ? target.platformLane : undefined;
  // The lane is prepared beside the first platform; the other cases do not wait for it (run-environment.ts).
  const laneReady: Promise<PreparedTarget | undefined> =
    lane === undefined
      ? Promise.resolve(undefined)
      : prepare(lane, env, options, signal).catch((error: unknown) => {
          if (!signal.aborted)
            err(
              `esb-e2e run: ${(error as Error).message}; the cases that take the whole platform run after the others instead`,
            );
          return undefined;
        });
  const releaseLane = async (failed: boolean) => {
    const lanePrepared = await laneReady;
    if (lane !== undefined && lanePrepared !== undefined)
      await release(lane, env, lanePrepared, failed, redactorFromEnv(lanePrepared.clientEnv));
  };
  if (prepared === undefined) {
    try {
      prepared = await prepare(target, env, options, signal);
    } catch (error) {
      const why = (error as Error).message;
      err(`esb-e2e run: ${why}`);
      await releaseLane(false);
      const stopped = signal.aborted ? stopReason(signal.reason) : undefined;
      return notRunOutcome(env, target.name, job.plan.cases, why, Date.now() - began, stopped);
    }
  }
  const mainEnv = prepared.clientEnv;
  // Every secret of both platforms; the lane's join when it is ready (before any of its output can arrive).
  let redactor = redactorFromEnv(mainEnv);
  const lanePlatform = laneReady.then((lanePrepared) => {
    if (lanePrepared === undefined) return undefined;
    redactor = redactorFromEnv(mainEnv, lanePrepared.clientEnv);
    return { clientEnv: lanePrepared.clientEnv, lockDir: laneLockDir(runDir, env) };
  });
  const weak = weakSecretWarning(prepared.clientEnv);
  if (weak !== undefined && !warned.has(weak)) {
    warned.add(weak);
    err(`esb-e2e run: warning: ${weak}`);
  }
  // What the target allows by itself (the testbed is ours: every scope), then what --allow names.
  const allow = allowedScopes(target, options.allow);
  // Until the cases have run, a release follows a failure (a throw, or the run interrupted).
  let failed = true;
  try {
    const entryBundle = await files.bundling;
    const caseList = options.only === undefined ? undefined : writeCaseList(lockDir, options.only.get(env));
    const cases: CaseOutcome[] = [];
    const errors: string[] = [];
    // --repeat-each: the whole selection, round after round, on the one platform; a stop ends the rounds.
    for (let round = 1; round <= options.repeatEach; round++) {
      // Each case's place in the unsharded run, and its round when there are several.
      const placed = (c: CaseOutcome, position?: number): CaseOutcome => ({
        ...redacted(c, redactor),
        ...(position === undefined ? {} : { position }),
        ...(options.repeatEach === 1 ? {} : { repeat: round }),
      });
      if (signal.aborted) {
        const stopped = stopReason(signal.reason);
        for (const [i, p] of job.plan.cases.entries())
          cases.push(placed(interruptedCase(env, p, stopped), job.plan.positions[i]));
        continue;
      }
      const result = await runEnvironmentCases({
        root,
        plan: job.plan,
        selection: options,
        ...(options.esb === undefined ? {} : { esb: options.esb.name }),
        clientEnv: prepared.clientEnv,
        concurrency: options.concurrency,
        lockDir,
        allow,
        signal,
        ...(entryBundle === undefined ? {} : { entryBundle }),
        ...(files.catalogueSnapshot === undefined ? {} : { catalogueSnapshot: files.catalogueSnapshot }),
        ...(lane === undefined ? {} : { lastPhaseOn: lanePlatform }),
        ...(caseList === undefined ? {} : { caseList }),
        // Recorded only for a report that shows them: a run without one keeps no step of any case.
        trace: requestedReports(options.reports).some((r) => r.format.traces),
        onCase: (c) => {
          liveOf.get(cliIo())?.caseEnded(env, c.status);
          out(progressLine(placed(c)));
        },
        onOutput: (text) => {
          const safe = escapeControls(redactor.redact(text), { keepNewlines: true });
          for (const line of safe.replace(/\n$/, '').split('\n')) err(`[${env}] | ${line}`);
        },
      });
      result.cases.forEach((c, i) => {
        cases.push(placed(c, job.plan.positions[i]));
      });
      if (result.error !== undefined) errors.push(redactor.redact(result.error));
    }
    failed = errors.length > 0 || cases.some((c) => c.status === 'failed');
    return {
      env,
      target: target.name,
      durationMs: Date.now() - began,
      cases,
      ...(errors.length === 0 ? {} : { error: [...new Set(errors)].join('\n') }),
    };
  } finally {
    await Promise.all([release(target, env, prepared, failed, redactor), releaseLane(failed)]);
  }
}

/** A run's selection: its options, and the exact cases --last-failed names. */
type RunRequest = RunOptions & Pick<RunSelection, 'only'>;

/** Why a run has no case at all, and what to do. */
function nothingToRun(lastFailed: LastFailed | undefined): string {
  if (lastFailed === undefined)
    return 'no case matches the selection; nothing ran (see the cases with: esb-e2e list)';
  if (lastFailed.count === 0)
    return `--last-failed: no case failed or stopped unfinished in the run of ${lastFailed.startedAt.toISOString()}; nothing to run again`;
  return `--last-failed: none of the ${lastFailed.count} case(s) that failed in the run of ${lastFailed.startedAt.toISOString()} is in this selection (or still in the catalogue); nothing ran`;
}

/**
 * The case list of one environment for its node:test processes (RUN_VARIABLE.caseList), in the environment's
 * own folder of the run.
 */
function writeCaseList(lockDir: string, titles: ReadonlySet<string> | undefined): string {
  const path = join(lockDir, 'case-list.txt');
  writeFileSync(path, [...(titles ?? [])].map((t) => `${t}\n`).join(''));
  return path;
}

/** The lock folder of an environment's platform lane: its platform-wide cases lock only each other. */
function laneLockDir(runDir: string, env: string): string {
  const dir = join(runDir, `${env}.platform-lane`);
  makeDirectory(dir);
  return dir;
}

/** Releases one prepared platform of an environment, with the target's lines; a failure is reported, not thrown. */
async function release(
  target: PlatformLane,
  env: string,
  prepared: PreparedTarget,
  failed: boolean,
  redactor: Redactor,
): Promise<void> {
  try {
    const notes = await prepared.release({ failed });
    for (const note of notes) out(redactor.redact(note));
    if (target.wording.released !== undefined) out(target.wording.released(env));
  } catch (error) {
    const message = (error as Error).message;
    err(
      `esb-e2e run: ${target.wording.releaseFailed?.(env, message) ?? `[${env}] releasing the target failed: ${message}`}`,
    );
  }
}
