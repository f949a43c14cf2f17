import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Redactor, redactorFromEnv } from '../config/redact.ts';
import type { HookScope } from '../hooks/hook-types.ts';
import { entryFileFor } from '../node/entry-files.ts';
import { runEnvironmentCases } from '../node/run-environment.ts';
import { type EnvironmentPlan, planRun } from '../plan/plan-run.ts';
import { UnknownSelectionError } from '../plan/select-cases.ts';
import { formatDuration } from '../report/format-duration.ts';
import { jsonReport } from '../report/json-report.ts';
import { junitXml } from '../report/junit-xml.ts';
import { failureBlock, progressLine } from '../report/progress-line.ts';
import { type CaseOutcome, type EnvironmentOutcome, exitCodeOf } from '../report/run-results.ts';
import { finalLine, summaryTable } from '../report/summary-table.ts';
import { loadCatalogueOrExit } from './load-or-exit.ts';
import { type ReportFile, reportFileProblems, writeReportFile } from './report-files.ts';
import { parseRunArgs, type RunOptions } from './run-args.ts';
import { type PreparedTarget, prepareExternal, prepareTestbed } from './run-target.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** A case outcome with every secret of its environment replaced by ***, before any output sees it. */
function redacted(c: CaseOutcome, redactor: Redactor): CaseOutcome {
  return {
    ...c,
    ...(c.reason === undefined ? {} : { reason: redactor.redact(c.reason) }),
    ...(c.failure === undefined ? {} : { failure: redactor.redact(c.failure) }),
  };
}

/** A report file the options ask for, and how to render it from the outcomes of the run. */
interface RunReport extends ReportFile {
  render(outcomes: readonly EnvironmentOutcome[], started: Date, durationMs: number): string;
}

function reportFiles(options: RunOptions): RunReport[] {
  const reports: RunReport[] = [];
  if (options.junit !== undefined)
    reports.push({ option: '--junit', path: options.junit, render: (o, started) => junitXml(o, started) });
  if (options.json !== undefined)
    reports.push({ option: '--json', path: options.json, render: (o, s, ms) => jsonReport(o, s, ms) });
  return reports;
}

/** Problems that stop the run before anything starts, as one line each; empty when the plan can run. */
function planProblems(root: string, options: RunOptions, plans: readonly EnvironmentPlan[]): string[] {
  const problems: string[] = [];
  if (options.target === 'external') {
    if (options.envs.length === 0)
      problems.push(
        `--target external runs against one ESB per environment: name it with --env (the matrix defines: ${plans.map((p) => p.env).join(', ')})`,
      );
    else if (options.envs.length > 1 && !(options.envFile ?? '').includes('{env}'))
      problems.push(
        'several environments need one ESB each: give --client-env with {env} in its path (e.g. .testbed/{env}.env), or run one --env at a time',
      );
  }
  problems.push(...reportFileProblems(reportFiles(options)));
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
  /** Started for testbed targets inside the job; ready for external ones (checked before any case). */
  readonly prepared?: PreparedTarget;
}

/** esb-e2e run: plans, checks the configuration, runs every environment in parallel, reports. --help is main's. */
export async function runCommand(args: string[], root: string): Promise<number> {
  // A malformed command line throws RunArgsError (a UsageError), which main reports with the synopsis.
  const options = parseRunArgs(args);
  const catalogue = loadCatalogueOrExit(root);
  let plans: EnvironmentPlan[];
  try {
    plans = planRun(catalogue, options);
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    err(`esb-e2e run: ${error.message}`);
    return 2;
  }
  const problems = planProblems(root, options, plans);
  if (problems.length > 0) {
    for (const p of problems) err(`esb-e2e run: ${p}`);
    return 2;
  }
  const runnable = plans.filter((p) => p.cases.length > 0);
  if (runnable.length === 0) {
    err('esb-e2e run: no case matches the selection; nothing ran (see the cases with: esb-e2e list)');
    return 1;
  }

  const controller = new AbortController();
  const onInterrupt = () => {
    err('esb-e2e run: interrupted; stopping the cases and tearing down');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onInterrupt);
  const runDir = mkdtempSync(join(tmpdir(), 'esb-e2e-run-'));
  try {
    let jobs: EnvironmentJob[];
    if (options.target === 'external') {
      // Every environment is checked before any case of any environment starts.
      const prepared = await Promise.allSettled(
        runnable.map((p) => prepareExternal(p.env, options.envFile, controller.signal)),
      );
      const failed = prepared.filter((r) => r.status === 'rejected');
      if (failed.length > 0) {
        for (const r of failed) err(`esb-e2e run: ${(r.reason as Error).message}`);
        return 2;
      }
      jobs = runnable.map((plan, i) => ({
        plan,
        prepared: (prepared[i] as PromiseFulfilledResult<PreparedTarget>).value,
      }));
    } else {
      try {
        const { connectDocker } = await import('../../testbed/docker/docker-connection.ts');
        await connectDocker();
      } catch (error) {
        err(`esb-e2e run: the testbed needs Docker: ${(error as Error).message}`);
        return 2;
      }
      jobs = runnable.map((plan) => ({ plan }));
    }

    const started = new Date();
    out(
      `esb-e2e run: ${runnable.map((p) => `${p.env} (${p.cases.length} case${p.cases.length === 1 ? '' : 's'})`).join(', ')} against ${options.target === 'testbed' ? 'a fresh testbed each' : 'external ESB'}`,
    );
    const outcomes = await Promise.all(
      jobs.map((job) => runJob(job, root, runDir, options, controller.signal)),
    );
    const durationMs = Date.now() - started.getTime();

    const failures = outcomes.flatMap((e) => e.cases.filter((c) => c.status === 'failed'));
    if (failures.length > 0) {
      out('\nFailures:\n');
      for (const c of failures) out(`${failureBlock(c)}\n`);
    }
    for (const e of outcomes) if (e.error !== undefined) out(`[${e.env}] did not finish: ${e.error}`);
    out(`\n${summaryTable(outcomes)}\n`);
    out(finalLine(outcomes, durationMs));
    const unwritten = reportFiles(options)
      .map((report) => writeReportFile(report, report.render(outcomes, started, durationMs)))
      .filter((problem) => problem !== undefined);
    for (const problem of unwritten) err(`esb-e2e run: ${problem}`);
    // A report CI expects but cannot find must not pass unnoticed: 2, as for a configuration error.
    return unwritten.length > 0 ? 2 : exitCodeOf(outcomes);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** One environment: its target (a testbed is started here), its cases, then the teardown. */
async function runJob(
  job: EnvironmentJob,
  root: string,
  runDir: string,
  options: RunOptions,
  signal: AbortSignal,
): Promise<EnvironmentOutcome> {
  const { env } = job.plan;
  const began = Date.now();
  const lockDir = join(runDir, env);
  mkdirSync(lockDir, { recursive: true });
  let prepared = job.prepared;
  const notRun = (why: string): EnvironmentOutcome => ({
    env,
    target: options.target,
    durationMs: Date.now() - began,
    error: why,
    cases: job.plan.cases.map((c) => ({
      env,
      id: c.id,
      name: c.name,
      scenario: c.scenario,
      suite: c.suite,
      file: c.site.file,
      line: c.site.line,
      status: 'failed',
      durationMs: 0,
      startedAt: 0,
      endedAt: 0,
      failure: `not run: ${why}`,
    })),
  });
  if (prepared === undefined) {
    out(`[${env}] starting a fresh testbed`);
    try {
      prepared = await prepareTestbed(env);
    } catch (error) {
      err(`esb-e2e run: ${(error as Error).message}`);
      return notRun((error as Error).message);
    }
    out(`[${env}] testbed up in ${formatDuration(prepared.setupSeconds * 1000)}`);
  }
  const redactor = redactorFromEnv(prepared.clientEnv);
  // The testbed is ours, so every hook scope is allowed against it; an external ESB only what --allow names.
  const allow: HookScope[] = options.target === 'testbed' ? ['control-plane'] : [...options.allow];
  try {
    const result = await runEnvironmentCases({
      root,
      plan: job.plan,
      selection: options,
      clientEnv: prepared.clientEnv,
      concurrency: options.concurrency,
      lockDir,
      allow,
      signal,
      onCase: (c) => out(progressLine(redacted(c, redactor))),
      onOutput: (text) => {
        for (const line of redactor.redact(text).replace(/\n$/, '').split('\n')) err(`[${env}] | ${line}`);
      },
    });
    return {
      env,
      target: options.target,
      durationMs: Date.now() - began,
      cases: result.cases.map((c) => redacted(c, redactor)),
      ...(result.error === undefined ? {} : { error: redactor.redact(result.error) }),
    };
  } finally {
    if (options.target === 'testbed') {
      try {
        await prepared.release();
        out(`[${env}] testbed down`);
      } catch (error) {
        err(
          `esb-e2e run: [${env}] tearing the testbed down failed: ${(error as Error).message}; run: npm run testbed -- down --env ${env}`,
        );
      }
    }
  }
}
