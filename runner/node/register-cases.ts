import { describe, it } from 'node:test';
import type { PlannedCase } from '../../language/model/catalogue.ts';
import { PLATFORM_RESOURCE } from '../exec/resource-lock.ts';
import { runCase } from '../exec/run-case.ts';
import { caseTitle } from '../plan/case-title.ts';
import { formatDuration } from '../report/format-duration.ts';
import { writeCaseTiming } from './case-timing.ts';
import { entryFileFor } from './entry-files.ts';
import { planEntry } from './entry-plan.ts';
import { type EntryTarget, lazyEntryTarget } from './entry-preflight.ts';
import { registerFailingTest, reportError } from './failing-test.ts';
import { filteredOutByNode } from './node-test-command.ts';
import { RUN_VARIABLE } from './run-variables.ts';
import { collectScenario } from './scenario-collector.ts';

/** A wait before a case's first step shorter than this is not worth a line in node's own reporters. */
const WAIT_WORTH_SAYING_MS = 1000;

/**
 * Registers the cases of one scenario folder (catalog/<scenario>/) as node:test tests, one per planned case,
 * named `<ID> <name>`, for the environment ESB_E2E_ENV (default: the matrix's first), filtered by the ESB_E2E_*
 * variables (runner/node/run-variables.ts). Entry files call it and nothing else.
 *
 * Nothing here ends the process: every problem becomes a failing test whose message is the reason, so node's
 * reporters (spec, tap, junit) all carry it. A configuration or selection error fails one test named
 * `configuration`, a catalogue that does not load one named `catalogue`; a target that is not ready (credentials,
 * URL, a gateway that does not answer /health with 200) fails every case with its one line.
 */
export function registerScenario(scenario: string): void {
  // Imported beside other entry files by `esb-e2e run`: registered with them, side by side (entry-group.ts).
  if (collectScenario(scenario)) return;
  const plan = planEntry(scenario);
  if (plan.kind === 'fail') {
    registerFailingTest(plan.name, plan.message);
    // node's own name filter would skip that test and let the run pass: fail the file and say why on stderr
    // (node's spec reporter shows it; JUnit only shows the file failed).
    if (filteredOutByNode(plan.name, process.execArgv)) {
      process.stderr.write(`esb-e2e [${entryFileFor(scenario)}]: ${plan.message}\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (plan.kind === 'skip') {
    it(plan.name, { skip: plan.reason }, () => undefined);
    return;
  }
  const { root, env, variables, selection, skipOnly } = plan;
  const target = lazyEntryTarget(root, env, variables);
  // Once the check has answered, the cases after it read its answer without awaiting a promise again.
  let checked: EntryTarget | undefined;
  const register = (planned: PlannedCase) =>
    it(caseTitle(planned), async (t) => {
      let skipped: string | undefined;
      const testStarted = performance.now();
      try {
        checked ??= await target();
        const ready = checked;
        if (!ready.ok) throw reportError(ready.problem);
        const { ctx, slots } = ready;
        // Waiting for the target (its preparation by the first case of the file), then for other cases.
        const targetWaitMs = performance.now() - testStarted;
        const result = await runCase(planned, {
          ...ctx,
          signal: t.signal,
          runSlot: (work) => slots.run(work, slotPriority(planned), t.signal),
        });
        const waitMs = targetWaitMs + result.waitMs;
        // Before the test ends: the reporter reads it when the test's completion arrives (case-timing.ts).
        writeCaseTiming(caseTitle(planned), {
          caseMs: result.durationMs,
          waitMs,
          ...(result.trace === undefined ? {} : { trace: result.trace }),
        });
        if (waitMs >= WAIT_WORTH_SAYING_MS)
          t.diagnostic(
            `waited ${formatDuration(waitMs)} before its first step (run slot, target preparation, other cases' resources)`,
          );
        // The failure text is the whole report of the case (ID, YAML file:line, request, expectation).
        if (result.status === 'failed') throw reportError(result.failure ?? 'failed');
        if (result.status === 'skipped') skipped = result.reason ?? 'skipped';
      } catch (error) {
        skipOnly?.caseEnded(true);
        throw error;
      }
      if (skipOnly?.caseEnded(skipped === undefined) === true)
        throw reportError(
          `skipped (${skipped}), and so was every other case of this run: nothing was tested, so the run fails here; let the cases run (e.g. ${RUN_VARIABLE.allow}=control-plane for hooks that restart services) or select others`,
        );
      if (skipped !== undefined) t.skip(skipped);
    });
  const [own, ...others] = selection.groups;
  const hasOwn = own?.scenario === scenario;
  const concurrency = (cases: readonly PlannedCase[]) => describeConcurrency(cases, variables.concurrency);
  describe(`${env} ${scenario}`, { concurrency: concurrency(hasOwn ? own.cases : []) }, () => {
    if (hasOwn) for (const planned of own.cases) register(planned);
    // Cases of a scenario whose file is in another shard (node --test-shard): a nested group names their folder.
    for (const group of hasOwn ? others : selection.groups)
      describe(group.scenario, { concurrency: concurrency(group.cases) }, () => {
        for (const planned of group.cases) register(planned);
      });
  });
}

/**
 * node:test starts a describe's tests in declaration order, `concurrency` at a time: a case with slot priority
 * that is declared after them would wait for the cases before it to end before it even asks for a slot. The
 * describe starts at least every case up to the last one with priority (the run slots still bound how many
 * run at once).
 */
function describeConcurrency(cases: readonly PlannedCase[], concurrency: number): number {
  return Math.max(concurrency, cases.findLastIndex((planned) => slotPriority(planned) > 0) + 1);
}

/**
 * A case that keeps others from a resource (`resources.exclusive`, the platform aside: those cases have a phase
 * of their own) gets a run slot first: the cases that need the resource queue behind it, so the sooner it
 * starts, the sooner the chain ends (ASC-005 and ASC-006 share lambda-scaling for about a minute in all).
 */
function slotPriority(planned: PlannedCase): number {
  return planned.execution.resources.exclusive.some((name) => name !== PLATFORM_RESOURCE) ? 1 : 0;
}
