import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from '../../runner/report/format-duration.ts';
import { jsonReport } from '../../runner/report/json-report.ts';
import { junitXml } from '../../runner/report/junit-xml.ts';
import { failureBlock, progressLine } from '../../runner/report/progress-line.ts';
import { type CaseOutcome, type EnvironmentOutcome, exitCodeOf } from '../../runner/report/run-results.ts';
import { finalLine, summaryTable } from '../../runner/report/summary-table.ts';
import { elements, parseXml } from './xml-tree.ts';

function outcome(over: Partial<CaseOutcome>): CaseOutcome {
  return {
    env: 'e2e-docker',
    id: 'SMK-003',
    name: 'test_runtime_echo[python]',
    scenario: 'smoke',
    suite: 'smoke',
    file: 'catalog/smoke/test_smoke.yaml',
    line: 12,
    status: 'passed',
    durationMs: 400,
    startedAt: 1_000,
    endedAt: 1_400,
    ...over,
  };
}

const FAILURE = [
  'STD-018 test_circuit_breaker: step 3 failed at catalog/standard/test_resilience.yaml:41:9',
  '  POST https://127.0.0.1:18100/api/faulty <&> "quoted" \u001b[31mred\u001b[0m \u0007bell',
  '  expected status 502, got 200',
].join('\n');

const docker: EnvironmentOutcome = {
  env: 'e2e-docker',
  target: 'testbed',
  durationMs: 95_000,
  cases: [
    outcome({}),
    outcome({
      id: 'SMK-004',
      name: 'test_runtime_echo[java]',
      startedAt: 1_100,
      endedAt: 2_600,
      durationMs: 1_500,
    }),
    outcome({
      id: 'STD-018',
      name: 'test_circuit_breaker',
      scenario: 'standard',
      suite: 'standard',
      file: 'catalog/standard/test_resilience.yaml',
      line: 30,
      status: 'failed',
      failure: FAILURE,
      startedAt: 3_000,
      endedAt: 4_000,
      durationMs: 1_000,
    }),
    outcome({
      id: 'ASC-005',
      name: 'test_scale_to_zero',
      scenario: 'autoscaling',
      suite: 'standard',
      status: 'skipped',
      reason: 'idle timeout above 120 s',
      startedAt: 3_500,
      endedAt: 3_510,
      durationMs: 10,
    }),
  ],
};
const containerd: EnvironmentOutcome = {
  env: 'e2e-containerd',
  target: 'testbed',
  durationMs: 2_000,
  error: 'the testbed did not start: ports 18000 on 127.0.0.1 are in use',
  cases: [
    outcome({ env: 'e2e-containerd', status: 'failed', failure: 'not run: the testbed did not start' }),
  ],
};

describe('durations', () => {
  it('formats seconds with one decimal below a minute, then minutes and padded seconds', () => {
    assert.equal(formatDuration(400), '0.4s');
    assert.equal(formatDuration(12_345), '12.3s');
    assert.equal(formatDuration(59_940), '59.9s');
    assert.equal(formatDuration(59_960), '1m00s');
    assert.equal(formatDuration(62_000), '1m02s');
    assert.equal(formatDuration(3_725_000), '62m05s');
  });
});

describe('console report', () => {
  it('prints one progress line per case', () => {
    assert.equal(progressLine(outcome({})), '[e2e-docker] ✔ SMK-003 test_runtime_echo[python] 0.4s');
    assert.equal(
      progressLine(outcome({ status: 'skipped', reason: 'not on containerd', durationMs: 0 })),
      '[e2e-docker] - SMK-003 test_runtime_echo[python] 0.0s (skipped: not on containerd)',
    );
    assert.equal(
      progressLine(outcome({ status: 'failed' })),
      '[e2e-docker] ✖ SMK-003 test_runtime_echo[python] 0.4s',
    );
    // The duration is the case's own; a long wait before its first step is said beside it, a short one not.
    assert.equal(
      progressLine(outcome({ durationMs: 100, waitMs: 271_000 })),
      "[e2e-docker] ✔ SMK-003 test_runtime_echo[python] 0.1s (after 4m31s waiting for a run slot, the target or other cases' resources)",
    );
    assert.equal(
      progressLine(outcome({ durationMs: 100, waitMs: 900 })),
      '[e2e-docker] ✔ SMK-003 test_runtime_echo[python] 0.1s',
    );
  });

  it('prints a failure in full under its title and declaration', () => {
    const block = failureBlock(outcome({ status: 'failed', failure: 'line one\n\nline three' }));
    assert.equal(
      block,
      '[e2e-docker] ✖ SMK-003 test_runtime_echo[python] (catalog/smoke/test_smoke.yaml:12)\n    line one\n\n    line three',
    );
  });

  it('closes with a table per environment and suite, then a total line', () => {
    const table = summaryTable([docker, containerd]).split('\n');
    assert.match(table[0] ?? '', /^ENV\s+SUITE\s+PASSED\s+FAILED\s+SKIPPED\s+TIME$/);
    assert.match(table[2] ?? '', /^e2e-docker\s+smoke\s+2\s+0\s+0\s+1\.6s$/);
    assert.match(table[3] ?? '', /^e2e-docker\s+standard\s+0\s+1\s+1\s+1\.0s$/);
    assert.match(table[4] ?? '', /^e2e-docker\s+total\s+2\s+1\s+1\s+1m35s$/);
    assert.match(table[5] ?? '', /^e2e-containerd\s+smoke\s+0\s+1\s+0\s+0\.4s$/);
    assert.match(table[6] ?? '', /^e2e-containerd\s+total \(did not finish\)\s+0\s+1\s+0\s+2\.0s$/);
    assert.equal(
      finalLine([docker, containerd], 98_000),
      'run time 1m38s\ne2e: 2 passed, 2 failed, 1 skipped',
    );
  });
});

describe('exit code', () => {
  const passedOnly: EnvironmentOutcome = { ...docker, cases: [outcome({})] };
  it('is 0 only when something passed and nothing failed', () => {
    assert.equal(exitCodeOf([passedOnly]), 0);
    assert.equal(
      exitCodeOf([passedOnly, { ...passedOnly, env: 'x', cases: [outcome({ status: 'skipped' })] }]),
      0,
    );
    assert.equal(exitCodeOf([docker]), 1);
    assert.equal(exitCodeOf([{ ...passedOnly, cases: [outcome({ status: 'skipped' })] }]), 1);
    assert.equal(exitCodeOf([]), 1);
    assert.equal(exitCodeOf([{ ...passedOnly, error: 'node --test ended with SIGKILL' }]), 1);
  });
});

describe('JUnit XML', () => {
  const xml = junitXml([docker, containerd], {
    startedAt: new Date('2025-01-02T03:04:05.678Z'),
    durationMs: 98_000,
    esb: { revision: '2026-03-02', commit: '5694369811f4b06451813688e66e35293b50a7e2' },
  });
  const root = parseXml(xml);

  it('is well-formed, with totals on the root', () => {
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(
      { ...root.attrs },
      { name: 'esb-e2e', tests: '6', failures: '2', errors: '1', skipped: '1', time: '95.000' },
    );
  });

  it("names the ESB revision in every testsuite's properties", () => {
    for (const suite of root.children)
      assert.deepEqual(
        elements(suite, 'property').map((p) => [p.attrs.name, p.attrs.value]),
        [
          ['esb.revision', '2026-03-02'],
          ['esb.commit', '5694369811f4b06451813688e66e35293b50a7e2'],
        ],
        suite.attrs.name,
      );
  });

  it('has a testsuite per environment and suite, and one for an environment that did not start', () => {
    const suites = root.children;
    assert.ok(suites.every((s) => s.name === 'testsuite'));
    assert.deepEqual(
      suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.skipped]),
      [
        ['e2e-docker/smoke', '2', '0', '0', '0'],
        ['e2e-docker/standard', '2', '1', '0', '1'],
        ['e2e-containerd/smoke', '1', '1', '0', '0'],
        ['e2e-containerd/setup', '1', '0', '1', '0'],
      ],
    );
    assert.equal(suites[0]?.attrs.timestamp, '2025-01-02T03:04:05');
  });

  it('gives each testsuite the wall time its cases spanned, not the sum of their (concurrent) durations', () => {
    const times = root.children.map((s) => [s.attrs.name, s.attrs.time]);
    // smoke: SMK-003 ran 1.0-1.4 s and SMK-004 1.1-2.6 s beside it: 1.6 s of wall time (their sum is 1.9 s).
    assert.deepEqual(times.slice(0, 2), [
      ['e2e-docker/smoke', '1.600'],
      ['e2e-docker/standard', '1.000'],
    ]);
  });

  it('names every testcase by case ID first, with its catalogue file and line', () => {
    const cases = elements(root, 'testcase');
    assert.deepEqual(
      cases.map((c) => c.attrs.name),
      [
        'SMK-003 test_runtime_echo[python]',
        'SMK-004 test_runtime_echo[java]',
        'STD-018 test_circuit_breaker',
        'ASC-005 test_scale_to_zero',
        'SMK-003 test_runtime_echo[python]',
        'e2e-containerd setup',
      ],
    );
    for (const c of cases.slice(0, 5)) assert.match(c.attrs.name ?? '', /^[A-Z]{3}-\d{3} /);
    assert.deepEqual(
      { ...cases[2]?.attrs },
      {
        name: 'STD-018 test_circuit_breaker',
        classname: 'e2e-docker.standard',
        file: 'catalog/standard/test_resilience.yaml',
        line: '30',
        time: '1.000',
      },
    );
  });

  it('carries the failure text whole (escaped, colour codes and control characters removed) and skip reasons', () => {
    const failure = elements(root, 'failure')[0];
    assert.equal(failure?.attrs.message, FAILURE.split('\n')[0]);
    assert.equal(
      failure?.text,
      FAILURE.replace('\u001b[31m', '').replace('\u001b[0m', '').replace('\u0007', '\uFFFD'),
    );
    assert.equal(elements(root, 'skipped')[0]?.attrs.message, 'idle timeout above 120 s');
    assert.match(elements(root, 'error')[0]?.attrs.message ?? '', /ports 18000 on 127\.0\.0\.1 are in use/);
  });
});

describe('JSON report', () => {
  it('lists totals and every case per environment', () => {
    const doc = JSON.parse(
      jsonReport([docker, containerd], {
        startedAt: new Date('2025-01-02T03:04:05.000Z'),
        durationMs: 98_000,
      }),
    );
    assert.equal(doc.esb, undefined, 'a project without ESB revisions names none');
    const withRevision = JSON.parse(
      jsonReport([docker], {
        startedAt: new Date('2025-01-02T03:04:05.000Z'),
        durationMs: 1,
        esb: { revision: '2026-03-02', commit: '5694369' },
      }),
    );
    assert.deepEqual(withRevision.esb, { revision: '2026-03-02', commit: '5694369' });
    assert.deepEqual(doc.totals, { passed: 2, failed: 2, skipped: 1 });
    assert.equal(doc.startedAt, '2025-01-02T03:04:05.000Z');
    assert.equal(doc.environments[1].error, containerd.error);
    assert.deepEqual(doc.environments[0].cases[2], {
      id: 'STD-018',
      name: 'test_circuit_breaker',
      title: 'STD-018 test_circuit_breaker',
      scenario: 'standard',
      suite: 'standard',
      file: 'catalog/standard/test_resilience.yaml',
      line: 30,
      position: 2,
      status: 'failed',
      durationMs: 1000,
      startedAt: '1970-01-01T00:00:03.000Z',
      endedAt: '1970-01-01T00:00:04.000Z',
      failure: FAILURE,
    });
    assert.equal(doc.environments[1].cases[0].startedAt, '1970-01-01T00:00:01.000Z');
    assert.equal(doc.environments[0].cases[3].reason, 'idle timeout above 120 s');
  });
});

describe('a run stopped before every case finished', () => {
  const stopped: EnvironmentOutcome = {
    env: 'e2e-docker',
    target: 'external',
    durationMs: 2_000,
    cases: [
      outcome({ id: 'SMK-001', name: 'test_gateway_health' }),
      outcome({
        id: 'ASC-005',
        name: 'test_invocation_after_idle_window',
        suite: 'autoscaling',
        status: 'interrupted',
        durationMs: 0,
        startedAt: 0,
        endedAt: 0,
        reason: 'not finished: interrupted (SIGINT)',
      }),
    ],
  };

  it('counts interrupted cases apart from failures, in the last line and the table', () => {
    assert.match(finalLine([stopped], 2_000), /\ne2e: 1 passed, 0 failed, 0 skipped, 1 interrupted$/);
    assert.match(summaryTable([stopped]), /^e2e-docker\s+total \(1 interrupted\)\s+1\s+0\s+0\s+2\.0s$/m);
    // The totals of a run nobody stopped keep their shape.
    assert.doesNotMatch(finalLine([docker], 1), /interrupted/);
  });

  it('gives JUnit an error of type Interrupted, and JSON the status', () => {
    const xml = parseXml(
      junitXml([stopped], { startedAt: new Date('2025-01-02T03:04:05Z'), durationMs: 2_000 }),
    );
    assert.equal(xml.attrs.errors, '1');
    assert.equal(xml.attrs.failures, '0');
    const asc = elements(xml, 'testcase').find((c) => c.attrs.name?.startsWith('ASC-005'));
    assert.deepEqual(
      asc?.children.map((e) => [e.name, e.attrs.type, e.attrs.message]),
      [['error', 'Interrupted', 'not finished: interrupted (SIGINT)']],
    );
    const doc = JSON.parse(jsonReport([stopped], { startedAt: new Date(0), durationMs: 2_000 }));
    assert.deepEqual(doc.totals, { passed: 1, failed: 0, skipped: 0, interrupted: 1 });
    assert.equal(doc.environments[0].cases[1].status, 'interrupted');
  });
});
