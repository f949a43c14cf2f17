import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliIo } from '../config/command-io.ts';
import { readAcceptRules, SurvivorAcceptance, unusedRuleLine } from '../mutate/accepted-survivors.ts';
import { type CaseMutations, mutateCases } from '../mutate/mutate-cases.ts';
import {
  MUTATION_REPORT_FORMAT,
  type MutationReport,
  scoreOf,
  scoreText,
  suiteScores,
} from '../mutate/mutation-report.ts';
import { parseScopes, RunVariableError } from '../node/run-variables.ts';
import { planRun } from '../plan/plan-run.ts';
import { UnknownSelectionError } from '../plan/select-cases.ts';
import { mutationHtmlReport } from '../report/html/html-report.ts';
import { defaultTarget, type RunTargets, targetNamed, unknownTargetProblem } from '../targets/run-target.ts';
import { textTable } from '../text/text-table.ts';
import { loadCatalogueOrExit } from './load-or-exit.ts';
import {
  DEFAULT_CASE_SECONDS,
  DEFAULT_MUTATE_CONCURRENCY,
  DEFAULT_MUTATION_BUDGET,
  DEFAULT_PER_ANSWER,
} from './mutate-usage.ts';
import { parseOptions, UsageError } from './parse-options.ts';
import { pageWrittenLine, reportFileProblems, requestedReports, writeReportFile } from './report-files.ts';
import { readSelection, SELECTION_OPTIONS, splitList } from './selection-args.ts';

const MUTATE_OPTIONS = {
  ...SELECTION_OPTIONS,
  target: { type: 'string' },
  'client-env': { type: 'string' },
  allow: { type: 'string', multiple: true },
  budget: { type: 'string' },
  'case-seconds': { type: 'string' },
  concurrency: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  accepted: { type: 'string' },
} as const;

/**
 * What each report option of mutate writes from its report. Where and how it is written (a file, or a folder's
 * index.html) is the run's report format of the same option, with its checks.
 */
const MUTATE_RENDERS = {
  json: (report: MutationReport) => `${JSON.stringify(report, null, 2)}\n`,
  html: (report: MutationReport) => mutationHtmlReport([report]),
} as const;
type MutateReportOption = keyof typeof MUTATE_RENDERS;

function wholeNumber(option: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min)
    throw new UsageError(
      `--${option} ${text} is not a whole number of at least ${min}; e.g. --${option} ${fallback}`,
    );
  return value;
}

const score = (killed: number, survived: number) => scoreText(scoreOf(killed, survived));

/** `[e2e-docker] STD-001 test_put_get: 30 tried, 26 killed, 4 survived (87%)`, then each survivor on a line. */
function caseLines(c: CaseMutations): string[] {
  const head = `[${c.env}] ${c.title}`;
  if (c.baseline !== 'passed')
    return [`${head}: not mutated, it ${c.baseline} without any mutation: ${c.reason ?? ''}`];
  const unreached = c.unreached === 0 ? '' : `, ${c.unreached} not reached`;
  const accepted = c.survivors.filter((s) => s.accepted !== undefined).length;
  const lines = [
    `${head}: ${c.tried} of ${c.candidates} tried${c.sampled !== undefined && c.tried < c.sampled ? ` (time budget: ${c.sampled - c.tried} left untried)` : ''}, ${c.killed} killed, ${c.survivors.length} survived${accepted === 0 ? '' : ` (${accepted} accepted)`}${unreached} (${score(c.killed, c.survivors.length)})`,
  ];
  for (const s of c.survivors)
    lines.push(
      `    ${s.accepted === undefined ? 'survived' : 'accepted'}: ${s.request} (${s.endpoint} answer ${s.answer}) ${s.change}${s.promised ? ' (its document promises this)' : ''}${s.accepted === undefined ? '' : ` (${s.accepted})`}`,
    );
  return lines;
}

/** esb-e2e mutate: the selected cases of one environment, each through the mutating proxies; a report of survivors. */
export async function mutateCommand(args: string[], root: string, targets: RunTargets): Promise<number> {
  const parsed = parseOptions(args, MUTATE_OPTIONS);
  let allow: ReturnType<typeof parseScopes>;
  try {
    allow = parseScopes(splitList(parsed.strings('allow')), '--allow');
  } catch (error) {
    if (error instanceof RunVariableError) throw new UsageError(error.message);
    throw error;
  }
  const selection = readSelection(parsed);
  const budget = wholeNumber('budget', parsed.string('budget'), DEFAULT_MUTATION_BUDGET, 1);
  const seed = wholeNumber('seed', parsed.string('seed'), 1, 0);
  const caseSeconds = wholeNumber('case-seconds', parsed.string('case-seconds'), DEFAULT_CASE_SECONDS, 1);
  const concurrency = wholeNumber('concurrency', parsed.string('concurrency'), DEFAULT_MUTATE_CONCURRENCY, 1);
  const targetName = parsed.string('target') ?? defaultTarget(targets).name;
  const target = targetNamed(targets, targetName);
  if (target === undefined) throw new UsageError(unknownTargetProblem(targets, targetName));
  const io = cliIo();
  const fail = (line: string, code = 2) => {
    io.stderr(`esb-e2e mutate: ${line}\n`);
    return code;
  };
  const reports = requestedReports(
    new Map(
      (Object.keys(MUTATE_RENDERS) as MutateReportOption[]).flatMap((option) => {
        const path = parsed.string(option);
        return path === undefined ? [] : [[option, path] as const];
      }),
    ),
  );
  // Before any case runs: mutating a catalogue takes minutes, not to be lost to a path that cannot be written.
  const reportProblems = reportFileProblems(reports);
  for (const problem of reportProblems) fail(problem);
  if (reportProblems.length > 0) return 2;
  const acceptedPath = parsed.string('accepted');
  let acceptance: SurvivorAcceptance | undefined;
  if (acceptedPath !== undefined) {
    const loaded = readAcceptRules(root, acceptedPath);
    if (loaded.rules === undefined) {
      for (const problem of loaded.problems) io.stderr(`${problem}\n`);
      return fail(`--accepted ${acceptedPath} has ${loaded.problems.length} problem(s); nothing was run`);
    }
    acceptance = new SurvivorAcceptance(loaded.rules);
  }

  const catalogue = loadCatalogueOrExit(root, selection.esb, 'esb-e2e mutate');
  let plans: ReturnType<typeof planRun>;
  try {
    plans = planRun(catalogue, selection);
  } catch (error) {
    if (!(error instanceof UnknownSelectionError)) throw error;
    return fail(error.message);
  }
  const envs = plans.filter((p) => p.cases.length > 0);
  if (envs.length === 0)
    return fail('no case matches the selection; nothing to mutate (see the cases with: esb-e2e list)', 1);
  if (envs.length > 1)
    return fail(
      `the selection has cases in ${envs.map((p) => p.env).join(', ')}; mutate runs against one ESB: name one with --env`,
    );
  const [plan] = envs as [(typeof envs)[number]];
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const lockDir = mkdtempSync(join(tmpdir(), 'esb-e2e-mutate-'));
  let prepared: Awaited<ReturnType<typeof target.prepare>> | undefined;
  try {
    try {
      if (target.wording.starting !== undefined) io.stdout(`${target.wording.starting(plan.env)}\n`);
      prepared = await target.prepare(
        plan.env,
        { envs: [plan.env], envFile: parsed.string('client-env'), allow, esb: selection.esb },
        controller.signal,
      );
    } catch (error) {
      return fail((error as Error).message);
    }
    io.stdout(
      `esb-e2e mutate: ${plan.env} (${plan.cases.length} case${plan.cases.length === 1 ? '' : 's'}) against ${target.wording.against}, seed ${seed}, at most ${budget} mutations a case\n`,
    );
    const started = new Date();
    const results = await mutateCases({
      root,
      env: plan.env,
      cases: plan.cases,
      clientEnv: prepared.clientEnv,
      // Only what --allow names, even on our own testbed: a mutated case that restarts services is rerun per
      // mutation, which costs minutes; such cases are skipped unless asked for.
      allow,
      lockDir,
      seed,
      budget,
      perAnswer: DEFAULT_PER_ANSWER,
      caseSeconds,
      concurrency,
      signal: controller.signal,
      ...(acceptance === undefined ? {} : { accept: (c: CaseMutations) => acceptance.mark(c) }),
      onCase: (c) => {
        for (const line of caseLines(c)) io.stdout(`${line}\n`);
      },
    });
    const suites = suiteScores(results);
    const rows = suites.map((t) => [
      plan.env,
      t.suite,
      String(t.cases),
      String(t.tried),
      String(t.killed),
      String(t.survived),
      ...(acceptance === undefined ? [] : [String(t.accepted)]),
      scoreText(t.score),
    ]);
    const accepting = acceptance === undefined ? [] : ['ACCEPTED'];
    io.stdout(
      `\n${textTable(['ENV', 'SUITE', 'CASES', 'TRIED', 'KILLED', 'SURVIVED', ...accepting, 'SCORE'], rows)}\n`,
    );
    // A rule that covered nothing in a run of the whole catalogue is stale; in a narrower run it may just be
    // for other cases, so it is a note, not an error.
    for (const rule of acceptance?.unused ?? []) io.stdout(`note: ${unusedRuleLine(rule)}\n`);
    if (reports.length > 0) {
      const report: MutationReport = {
        format: MUTATION_REPORT_FORMAT,
        startedAt: started.toISOString(),
        env: plan.env,
        ...(catalogue.esb === undefined
          ? {}
          : { esb: { revision: catalogue.esb.revision.name, commit: catalogue.esb.revision.commit } }),
        seed,
        budget,
        perAnswer: DEFAULT_PER_ANSWER,
        caseSeconds,
        suites,
        cases: results,
      };
      let unwritten = false;
      for (const file of reports) {
        // requestedReports named only options of MUTATE_RENDERS.
        const render = MUTATE_RENDERS[file.option.slice(2) as MutateReportOption];
        const problem = writeReportFile(file, render(report));
        if (problem !== undefined) {
          fail(problem);
          unwritten = true;
        } else if (file.format.output === 'folder') io.stdout(`${pageWrittenLine(file)}\n`);
      }
      if (unwritten) return 2;
    }
    if (controller.signal.aborted)
      return fail('interrupted; the report covers the cases mutated so far', 130);
    return results.some((c) => c.baseline === 'failed') ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (prepared !== undefined) {
      const released = prepared;
      await released
        .release({ failed: false })
        .then((notes) => {
          for (const note of notes) io.stdout(`${note}\n`);
          if (target.wording.released !== undefined) io.stdout(`${target.wording.released(plan.env)}\n`);
        })
        .catch((error: unknown) => {
          io.stderr(`esb-e2e mutate: releasing the target failed: ${(error as Error).message}\n`);
        });
    }
    rmSync(lockDir, { recursive: true, force: true });
  }
}
