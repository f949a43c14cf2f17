import { join } from 'node:path';
import type { HookScope } from '../../hooks/hook-types.ts';
import type { PlannedCase } from '../../language/model/catalogue.ts';
import { caseTitle } from '../plan/case-title.ts';
import type { EnvironmentPlan, RunSelection } from '../plan/plan-run.ts';
import { phaseOf, RUN_PHASES, type RunPhase } from '../plan/run-phases.ts';
import type { CaseRecord, ReporterRecord } from '../report/reporter-records.ts';
import {
  type CaseOutcome,
  caseIdentity,
  interruptedCase,
  notRunCase,
  stopReason,
} from '../report/run-results.ts';
import type { EntryBundle } from './entry-bundle.ts';
import { entryFileFor } from './entry-files.ts';
import { RUN_VARIABLE, runVariablesFor } from './run-variables.ts';
import { spawnEntry } from './spawn-entry.ts';

export interface EnvironmentRun {
  /** Project root: catalogue, matrix and the e2e/ entry files. */
  readonly root: string;
  readonly plan: EnvironmentPlan;
  /** The selection the plan came from; the node:test processes re-plan it identically. */
  readonly selection: RunSelection;
  /** The ESB revision the catalogue was loaded for, which the node:test processes load too (none: no revisions). */
  readonly esb?: string;
  /** The client environment of contract §1.1 (with the rest of the process environment). */
  readonly clientEnv: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly lockDir: string;
  readonly allow: readonly HookScope[];
  readonly onCase: (outcome: CaseOutcome) => void;
  /** Output of the entry files (already attributed to the environment by the caller). */
  readonly onOutput: (text: string) => void;
  readonly signal?: AbortSignal;
  /**
   * A platform of its own for the cases that take the whole platform (the `last` phase), still being prepared
   * when the other cases start: once it is ready they run on it beside the others, with their own locks (a
   * target's platform lane); if it never gets ready (undefined), after the others on the first platform.
   */
  readonly lastPhaseOn?: Promise<LanePlatform | undefined>;
  /** The run's bundle of the entry API (entry-bundle.ts); without it, each process loads the sources. */
  readonly entryBundle?: EntryBundle;
  /** The catalogue as the run loaded it (runner/load/catalogue-snapshot.ts); without it, each process loads it. */
  readonly catalogueSnapshot?: string;
  /** A case list file (RUN_VARIABLE.caseList) the processes plan with, when the selection names exact cases. */
  readonly caseList?: string;
  /** Whether the cases record their traces (RUN_VARIABLE.trace), for a report that shows them. */
  readonly trace?: boolean;
}

/** A platform lane that is ready: its client environment and its own lock folder. */
export interface LanePlatform {
  readonly clientEnv: Readonly<Record<string, string>>;
  readonly lockDir: string;
}

export interface EnvironmentCases {
  /** Every planned case, in plan order; cases that never reported are failed with the reason. */
  readonly cases: CaseOutcome[];
  /** Set when node:test or an entry file failed outside the cases. */
  readonly error?: string;
}

export function outcomeOf(env: string, planned: PlannedCase, record: CaseRecord): CaseOutcome {
  return {
    ...caseIdentity(env, planned),
    status: record.status,
    durationMs: record.durationMs,
    ...(record.waitMs === undefined ? {} : { waitMs: record.waitMs }),
    startedAt: record.endedAt - record.durationMs,
    endedAt: record.endedAt,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    ...(record.failure === undefined ? {} : { failure: record.failure }),
    ...(record.trace === undefined ? {} : { trace: record.trace }),
  };
}

/**
 * The environment of a node:test process: the client environment without any ESB_E2E_* variable or node:test
 * marker inherited from our own caller, then this run's variables. (NODE_TEST_CONTEXT, set when esb-e2e itself
 * runs under node --test, would make the inner runner talk its parent's protocol instead of using reporters.)
 */
export function childEnvironment(run: EnvironmentRun, phase?: RunPhase): Record<string, string> {
  const env: Record<string, string> = {};
  const ours = new Set<string>(Object.values(RUN_VARIABLE));
  for (const [key, value] of Object.entries(run.clientEnv))
    if (!ours.has(key) && key !== 'NODE_TEST_CONTEXT') env[key] = value;
  return {
    // The package targets node 20; the AWS SDK's notice that its future versions need node 22 is noise in every
    // run (a user who wants it sets the variable to false).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
    ...runVariablesFor({
      env: run.plan.env,
      esb: run.esb,
      suites: run.selection.suites,
      ids: run.selection.ids,
      grep: run.selection.grep,
      shard: run.selection.shard,
      caseList: run.caseList,
      trace: run.trace,
      phase,
      concurrency: run.concurrency,
      lockDir: run.lockDir,
      // The run gives each lock folder to one process at a time: the main phase's, then the last phase's
      // (a platform lane has a folder of its own), so its locks and slots need no files.
      lockScope: 'process',
      allow: run.allow,
    }),
    [RUN_VARIABLE.root]: run.root,
    // Inside the run's own temp folder (the lock folder), so that nothing of the run outlives it.
    [RUN_VARIABLE.scratchDir]: join(run.lockDir, 'scratch'),
  };
}

/**
 * Runs one environment's planned cases with node:test over the entry files of their scenarios, phase by phase
 * (runner/plan/run-phases.ts): cases that never report are failed with the reason.
 */
export async function runEnvironmentCases(run: EnvironmentRun): Promise<EnvironmentCases> {
  const env = run.plan.env;
  const byTitle = new Map(run.plan.cases.map((c) => [caseTitle(c), c]));
  const outcomes = new Map<PlannedCase, CaseOutcome>();
  const fileFailures: string[] = [];
  const onRecord = (record: ReporterRecord) => {
    if (record.kind === 'output') {
      run.onOutput(record.text);
      return;
    }
    if (record.kind === 'file-failure') {
      fileFailures.push(`${record.file}: ${record.message}`);
      return;
    }
    const planned = byTitle.get(record.title);
    // An entry file that cannot run its cases says why in one failing test of its own (runner/node/register-cases.ts).
    if (planned === undefined && record.status === 'failed') {
      fileFailures.push(`${record.file}: ${record.title}: ${record.failure ?? 'failed'}`);
      return;
    }
    if (planned === undefined || outcomes.has(planned)) {
      run.onOutput(`unexpected case '${record.title}' in ${record.file} (not in this run's plan)\n`);
      return;
    }
    const outcome = outcomeOf(env, planned, record);
    outcomes.set(planned, outcome);
    run.onCase(outcome);
  };
  const problems: string[] = [];
  // Within a phase, one process for the entry files of all its scenarios (entry-group.ts); the run slots bound
  // the cases in flight.
  const runPhase = async (phase: RunPhase, on: EnvironmentRun) => {
    const cases = run.plan.cases.filter((c) => phaseOf(c) === phase);
    if (cases.length === 0 || run.signal?.aborted) return;
    const entries = [...new Set(cases.map((c) => entryFileFor(c.scenario)))];
    const exit = await spawnEntry({
      entries: entries.map((entry) => join(run.root, entry)),
      env: childEnvironment(on, phase),
      // node names where a test was declared (inside the runner); a problem is the files', named as run.
      onRecord: (record) => onRecord({ ...record, file: entries.join(', ') }),
      onOutput: (line) => run.onOutput(`${line}\n`),
      signal: run.signal,
      ...(run.entryBundle === undefined ? {} : { bundle: run.entryBundle }),
      ...(run.catalogueSnapshot === undefined ? {} : { catalogueSnapshot: run.catalogueSnapshot }),
    });
    const silent = cases.filter((c) => !outcomes.has(c));
    // Exit code 1 with every case reported means some case failed, which the records say; anything else is the
    // files' own failure (a configuration error, a crash, a kill).
    if ((exit.code !== 0 && exit.code !== 1) || exit.signal !== null || silent.length > 0)
      problems.push(
        `${entries.join(', ')} ended with ${exit.signal ?? `code ${exit.code}`}${silent.length > 0 ? ` before ${silent.length} case(s) reported` : ''}${exit.stderrTail === '' ? '' : `:\n${exit.stderrTail}`}`,
      );
  };
  const { lastPhaseOn } = run;
  if (lastPhaseOn === undefined) {
    // The phases in order: the cases that take the whole platform run after the rest (run-phases.ts).
    for (const phase of RUN_PHASES) await runPhase(phase, run);
  } else {
    // On a platform of their own, they disturb nobody: each phase starts as soon as its platform is ready.
    const main = runPhase('main', run);
    const last = lastPhaseOn.then(async (lane) => {
      if (lane !== undefined) return runPhase('last', { ...run, ...lane });
      await main;
      return runPhase('last', run);
    });
    await Promise.all([main, last]);
  }
  // A stopped run: what did not report was interrupted, and the entry files it killed are no failure of theirs.
  if (run.signal?.aborted) {
    const stopped = stopReason(run.signal.reason);
    return { cases: run.plan.cases.map((p) => outcomes.get(p) ?? interruptedCase(env, p, stopped)) };
  }
  problems.unshift(...fileFailures);
  const why = problems.length > 0 ? problems.join('\n') : 'the case reported no result';
  const cases = run.plan.cases.map((planned) => outcomes.get(planned) ?? notRunCase(env, planned, why));
  return problems.length > 0 ? { cases, error: problems.join('\n') } : { cases };
}
