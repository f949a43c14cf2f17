import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
// @ts-expect-error: a plain .mjs script without declarations (scripts/ is not compiled)
import { failuresFromTap, formatFailures } from '../../scripts/tap-failures.mjs';

type Failure = {
  name: string;
  location: string;
  failureType: string;
  error: string;
  stack: string;
  durationMs: number;
};

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-tap-failures-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A real node:test run: a suite whose `before` fails (its tests are cancelled), a failing assertion, an error
// with several lines and a quote, and a passing test.
writeFileSync(
  join(dir, 'sample.test.mjs'),
  `import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
describe('crash recovery', () => {
  before(() => { throw new Error("testbed up failed: port 18443 in use\\nsee 'docker ps'"); });
  it('gateway comes back', () => {});
});
describe('storage', () => {
  it('survives', () => { assert.equal('kept', 'lost'); });
  it('passes', () => {});
});
`,
);
const tap = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'sample.test.mjs'], {
  cwd: dir,
  encoding: 'utf8',
  // Without this, the child would report to this test run instead of writing TAP.
  env: { ...process.env, NODE_TEST_CONTEXT: undefined },
}).stdout;

test('the failures of a TAP report: a failed hook and a failed assertion, not what they cancelled', () => {
  const failures = failuresFromTap(tap) as Failure[];
  assert.deepEqual(
    failures.map((f) => [f.name, f.failureType, f.location.slice(dir.length + 1)]),
    [
      ['crash recovery', 'hookFailed', 'sample.test.mjs:3:1'],
      ['storage > survives', 'testCodeFailure', 'sample.test.mjs:8:3'],
    ],
  );
  assert.equal(failures[0]?.error, "testbed up failed: port 18443 in use\nsee 'docker ps'");
  assert.match(failures[1]?.error ?? '', /'kept' !== 'lost'/);
});

test('formatted with paths relative to the root, durations, the failing line and long errors cut', () => {
  const failures = failuresFromTap(tap) as Failure[];
  const seconds = (i: number) => ((failures[i]?.durationMs ?? Number.NaN) / 1000).toFixed(1);
  const text = formatFailures(failures, `${dir}/`, 1) as string;
  assert.equal(
    text.split('\n').slice(0, 3).join('\n'),
    [
      `✖ crash recovery (sample.test.mjs:3:1) [a hook failed] after ${seconds(0)} s`,
      '    testbed up failed: port 18443 in use',
      '    … 1 more lines',
    ].join('\n'),
  );
  assert.match(text, /^✖ storage > survives \(sample\.test\.mjs:8:3\) after \d+\.\d s$/m);
  // The line that failed, not only where the test is declared.
  assert.match(text, /^ {4}at sample\.test\.mjs:8:\d+$/m);
  assert.match(text, /^ {4}at sample\.test\.mjs:4:\d+$/m);
});

test('a report without failures gives none', () => {
  assert.deepEqual(failuresFromTap('TAP version 13\nok 1 - a\n1..1\n# pass 1\n'), []);
});
