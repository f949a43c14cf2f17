import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseOutcome, EnvironmentOutcome } from '../../runner/report/run-results.ts';
import { timeSplit, timeSplitLine } from '../../runner/report/time-split.ts';

const origin = performance.timeOrigin;
const ran = (startMs: number, endMs: number, waitMs = 0): CaseOutcome =>
  ({
    status: 'passed',
    startedAt: origin + startMs,
    endedAt: origin + endMs,
    waitMs,
  }) as unknown as CaseOutcome;
const env = (cases: CaseOutcome[]) => ({ env: 'e2e-docker', cases }) as unknown as EnvironmentOutcome;

test('a run splits into consecutive parts: from its start to its cases, the cases, then its reports', () => {
  const moments = { commandAt: 120, loadedAt: 150, plannedAt: 160, endedAt: 2_000 };
  const split = timeSplit(moments, [env([ran(600, 900, 100), ran(700, 1_800)]), env([ran(650, 1_000)])]);
  assert.deepEqual(split, {
    startUpMs: 120,
    loadMs: 30,
    planMs: 10,
    // The first case started at 600 after waiting 100 (a run slot): the cases began at 500.
    preparationMs: 340,
    casesMs: 1_300,
    reportingMs: 200,
  });
  assert.equal(
    timeSplitLine(split as NonNullable<typeof split>),
    'time: start-up 0.12 s, catalogue 0.03 s, plan 0.01 s, preparation 0.34 s, cases 1.30 s, reporting 0.20 s',
  );
  const notRun = { status: 'failed', startedAt: 0, endedAt: 0 } as unknown as CaseOutcome;
  assert.equal(timeSplit(moments, [env([notRun])]), undefined, 'no case ran: nothing to split');
});
