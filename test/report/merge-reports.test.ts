import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { takeShard } from '../../runner/plan/shard.ts';
import { jsonReport } from '../../runner/report/json-report.ts';
import { mergeReports, type SourcedReport } from '../../runner/report/merge-reports.ts';
import { JsonReportError, readJsonReport } from '../../runner/report/read-json-report.ts';
import type { CaseOutcome, EnvironmentOutcome, RunInfo } from '../../runner/report/run-results.ts';

const START = Date.parse('2026-11-29T10:00:00.000Z');

function outcome(n: number, over: Partial<CaseOutcome> = {}): CaseOutcome {
  return {
    env: 'e2e-docker',
    id: `STD-${String(n).padStart(3, '0')}`,
    name: `test_case_${n}`,
    scenario: 'standard',
    suite: 'standard',
    file: 'catalog/standard/test_cases.yaml',
    line: 10 * n,
    status: n % 4 === 0 ? 'failed' : 'passed',
    durationMs: 100 + n,
    waitMs: n,
    startedAt: START + 1000 * n,
    endedAt: START + 1000 * n + 100 + n,
    ...(n % 4 === 0 ? { failure: `STD-${n} failed\n  expected 200, got 500` } : {}),
    position: n,
    ...over,
  };
}

/** The shard `index` of `total` of ten cases, as a run with --shard writes its JSON report. */
function shardReport(index: number, total: number, startOffsetMs = 0): SourcedReport {
  const cases = takeShard(
    Array.from({ length: 10 }, (_, n) => outcome(n)),
    { index, total },
  );
  const env: EnvironmentOutcome = { env: 'e2e-docker', target: 'testbed', durationMs: 5_000, cases };
  const run: RunInfo = {
    startedAt: new Date(START + startOffsetMs),
    durationMs: 6_000,
    esb: { revision: '2026-03-02', commit: '5694369' },
    shard: { index, total },
  };
  const source = `shard-${index}.json`;
  return { source, report: readJsonReport(jsonReport([env], run), source) };
}

describe('JSON reports read back and merged', () => {
  it('read back as the outcomes they were written from', () => {
    const env: EnvironmentOutcome = {
      env: 'e2e-docker',
      target: 'external',
      durationMs: 9_000,
      error: 'node:test ended with code 7',
      cases: [
        outcome(1),
        outcome(4, { repeat: 2 }),
        outcome(2, { status: 'skipped', reason: 'hooks not allowed' }),
        {
          ...outcome(3, { status: 'interrupted', reason: 'not finished: interrupted (SIGINT)' }),
          startedAt: 0,
          endedAt: 0,
        },
      ],
    };
    const run: RunInfo = { startedAt: new Date(START), durationMs: 9_500, repeatEach: 2 };
    const back = readJsonReport(jsonReport([env], run), 'run.json');
    assert.deepEqual(back.run, run);
    assert.deepEqual(back.environments, [env]);
  });

  it('merge the shards of one split in the order of the unsharded run, spanning their times', () => {
    const merged = mergeReports([shardReport(3, 3, 2_000), shardReport(1, 3), shardReport(2, 3, 500)]);
    assert.deepEqual(merged.warnings, []);
    const [env] = merged.environments;
    assert.deepEqual(
      env?.cases.map((c) => c.id),
      Array.from({ length: 10 }, (_, n) => outcome(n).id),
    );
    assert.equal(merged.run.startedAt.getTime(), START);
    assert.equal(merged.run.durationMs, 8_000, 'from the first start to the last end (2 s + 6 s)');
    assert.equal(env?.durationMs, 7_000);
    assert.equal(merged.run.shard, undefined, 'the merged run is whole');
    assert.deepEqual(merged.run.esb, { revision: '2026-03-02', commit: '5694369' });
  });

  it('warn of a missing shard and refuse parts that do not make one run', () => {
    assert.deepEqual(mergeReports([shardReport(1, 3), shardReport(3, 3)]).warnings, [
      'shard 2/3 is not among the reports: its cases are missing from the merged run',
    ]);
    const refused = (reports: SourcedReport[], message: RegExp) =>
      assert.throws(
        () => mergeReports(reports),
        (e: Error) => e instanceof JsonReportError && message.test(e.message),
      );
    refused([shardReport(1, 2), shardReport(1, 2)], /shard-1\.json and shard-1\.json are both shard 1\/2/);
    refused(
      [shardReport(1, 2), shardReport(2, 3)],
      /shard-1\.json is shard 1\/2 but shard-2\.json is shard 2\/3/,
    );
    const other = shardReport(2, 2);
    const otherRevision: SourcedReport = {
      source: 'old.json',
      report: {
        ...other.report,
        run: { ...other.report.run, esb: { revision: '2026-02-17', commit: 'aeec2c8' } },
      },
    };
    refused(
      [shardReport(1, 2), otherRevision],
      /run of ESB 2026-03-02 \(5694369\), old\.json of ESB 2026-02-17/,
    );
    const again: SourcedReport = { source: 'again.json', report: shardReport(1, 2).report };
    const unsharded = (r: SourcedReport): SourcedReport => ({
      source: r.source,
      report: { ...r.report, run: { ...r.report.run, shard: undefined } },
    });
    refused(
      [unsharded(shardReport(1, 2)), unsharded(again)],
      /STD-000 test_case_0 is in both shard-1\.json and again\.json/,
    );
  });

  it('name the field a report gets wrong', () => {
    const bad = (text: string, message: RegExp) =>
      assert.throws(
        () => readJsonReport(text, 'r.json'),
        (e: Error) => e instanceof JsonReportError && message.test(e.message),
      );
    bad('{', /^r\.json is not JSON/);
    bad('[]', /^r\.json is not a report of esb-e2e run --json$/);
    bad('{"format":"other/9","environments":[]}', /format "other\/9"; this esb-e2e reads esb-e2e-report\/1/);
    const text = jsonReport([{ env: 'e2e-docker', target: 'testbed', durationMs: 1, cases: [outcome(1)] }], {
      startedAt: new Date(START),
      durationMs: 1,
    });
    bad(
      text.replace('"status": "passed"', '"status": "green"'),
      /environments\[0\]\.cases\[0\]\.status 'green' is not one of/,
    );
    bad(
      text.replace('"line": 10', '"line": "ten"'),
      /r\.json\.environments\[0\]\.cases\[0\]\.line is not a whole number/,
    );
  });
});
