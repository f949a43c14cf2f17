import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseRecord, type ReporterRecord } from '../../runner/report/reporter-records.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const REPORTER = join(REPO_ROOT, 'runner', 'node', 'jsonl-reporter.mjs');
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-reporter-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'cases.test.mjs': `
import { describe, it } from 'node:test';
describe('e2e-docker smoke', { concurrency: 3 }, () => {
  it('SMK-001 test_slow', async () => { await new Promise((r) => setTimeout(r, 300)); });
  it('SMK-002 test_skipped', (t) => { t.skip('no java here'); });
  it('SMK-003 test_failed', async () => {
    await new Promise((r) => setTimeout(r, 50));
    console.error('noise from the case');
    throw Object.assign(new Error('SMK-003 failed at catalog/smoke/test_smoke.yaml:9\\n  expected 200, got 502'), { stack: '' });
  });
});
`,
  'exits.test.mjs': `
process.stderr.write('esb-e2e [smoke]: X_API_KEY is not set\\n');
process.exit(2);
`,
  // As register-cases does: the case leaves its own time and its wait before its test ends.
  'timed.test.mjs': `
import { describe, it } from 'node:test';
import { writeCaseTiming } from ${JSON.stringify(join(REPO_ROOT, 'runner', 'node', 'case-timing.ts'))};
describe('e2e-docker smoke', () => {
  it('SMK-001 test_waited', async () => {
    await new Promise((r) => setTimeout(r, 400));
    writeCaseTiming('SMK-001 test_waited', { caseMs: 120.4, waitMs: 280 });
  });
  it('SMK-002 test_not_timed', () => {});
});
`,
  'broken-describe.test.mjs': `
import { describe } from 'node:test';
describe('e2e-docker standard', () => { throw new Error('registration broke'); });
`,
};
for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);

function runReporter(files: string[], nodeOptions: string[] = []): ReporterRecord[] {
  const result = spawnSync(
    process.execPath,
    [
      ...nodeOptions,
      '--test',
      `--test-reporter=${REPORTER}`,
      '--test-reporter-destination=stdout',
      ...files.map((f) => join(dir, f)),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  const lines = result.stdout.split('\n').filter((l) => l !== '');
  const records = lines.map(parseRecord);
  assert.ok(
    records.every((r) => r !== undefined),
    `every stdout line is a record:\n${result.stdout}\n${result.stderr}`,
  );
  return records as ReporterRecord[];
}

describe('the JSON-lines reporter', () => {
  it('writes one record per case as it ends: status, duration, skip reason, failure text', () => {
    const records = runReporter(['cases.test.mjs']);
    const cases = records.filter((r) => r.kind === 'case');
    // Completion order, not declaration order: that is what makes progress live.
    assert.deepEqual(
      cases.map((c) => [c.title, c.status]),
      [
        ['SMK-002 test_skipped', 'skipped'],
        ['SMK-003 test_failed', 'failed'],
        ['SMK-001 test_slow', 'passed'],
      ],
    );
    const [skipped, failed, passed] = cases;
    assert.equal(skipped?.reason, 'no java here');
    assert.equal(
      failed?.failure,
      'SMK-003 failed at catalog/smoke/test_smoke.yaml:9\n  expected 200, got 502',
    );
    assert.ok((passed?.durationMs ?? 0) >= 290, `duration ${passed?.durationMs}`);
    assert.ok((passed?.endedAt ?? 0) >= (failed?.endedAt ?? Number.POSITIVE_INFINITY));
    assert.equal(passed?.file, join(dir, 'cases.test.mjs'));
    assert.ok(
      records.some(
        (r) => r.kind === 'output' && r.stream === 'stderr' && r.text.includes('noise from the case'),
      ),
    );
    assert.equal(
      records.filter((r) => r.kind === 'file-failure').length,
      0,
      'failed cases are not file failures',
    );
  });

  it('reports a file that exits early, with what it printed', () => {
    const records = runReporter(['exits.test.mjs']);
    assert.equal(records.filter((r) => r.kind === 'case').length, 0);
    const failure = records.find((r) => r.kind === 'file-failure');
    assert.equal(failure?.file, join(dir, 'exits.test.mjs'));
    assert.ok(
      records.some((r) => r.kind === 'output' && r.text.includes('X_API_KEY is not set')),
      JSON.stringify(records),
    );
  });

  it("takes a case's own time and its wait from what the case left, and node's duration otherwise", () => {
    const records = runReporter(['timed.test.mjs'], ['--import', 'tsx']);
    const [waited, untimed] = ['SMK-001 test_waited', 'SMK-002 test_not_timed'].map((title) =>
      records.find((r) => r.kind === 'case' && r.title === title),
    );
    assert.ok(waited?.kind === 'case' && untimed?.kind === 'case', JSON.stringify(records));
    assert.equal(waited.durationMs, 120);
    assert.equal(waited.waitMs, 280);
    assert.equal(untimed.waitMs, undefined);
    assert.ok(untimed.durationMs < 100, `duration ${untimed.durationMs}`);
  });

  it('reports a describe that throws while registering', () => {
    const records = runReporter(['broken-describe.test.mjs']);
    const failures = records.filter((r) => r.kind === 'file-failure');
    assert.ok(
      failures.some((f) => f.message.includes('registration broke')),
      JSON.stringify(records),
    );
  });
});
