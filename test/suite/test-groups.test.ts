import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { importsOf, sourceFiles } from '../layering/import-graph.ts';

/**
 * scripts/run-tests.mjs runs test files side by side unless scripts/test-groups.json names them: a file that
 * starts a Docker testbed beside another one would fight over the profile's fixed ports and compose project,
 * and `npm run test:unit` must not start a stack. This reads every test file and the test helpers it imports
 * (not the code under test: hooks/ links Docker code that unit tests never run) for the calls that do so.
 */
const GROUPS_FILE = 'scripts/test-groups.json';
const groups = JSON.parse(readFileSync(join(REPO_ROOT, GROUPS_FILE), 'utf8')) as {
  serial: Record<string, string>;
  stack: Record<string, string>;
  slow: Record<string, string>;
};

/** Code that talks to the Docker engine or brings a Docker testbed up. */
const DOCKER_USE = [
  /^import (?!type )[^;]*from 'dockerode'/m,
  /\bDOCKER_SOCKET\b/,
  /docker\.sock/,
  /(?<!function )\btestbedCli\(/,
  /setup-docker\.sh/,
];
/** Code that starts an in-process testbed stack. */
const STACK_USE = [/\bstartInProcessStack\(/, /(?<!function )\bstartStackProcess\(/, /\brunProbesOnStack\(/];

/** The file and every test helper it imports, directly or not (files under test/ only). */
function withTestHelpers(file: string): string[] {
  const seen = new Set([file]);
  const queue = [file];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const edge of importsOf(REPO_ROOT, next)) {
      if (!edge.to.startsWith('test/') || seen.has(edge.to) || !existsSync(join(REPO_ROOT, edge.to)))
        continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return [...seen];
}

function uses(file: string, patterns: readonly RegExp[]): string | undefined {
  for (const path of withTestHelpers(file)) {
    const text = readFileSync(join(REPO_ROOT, path), 'utf8');
    const hit = patterns.find((p) => p.test(text));
    if (hit) return `${path} matches ${hit}`;
  }
  return undefined;
}

const testFiles = sourceFiles(REPO_ROOT, ['test']).filter((f) => f.endsWith('.test.ts'));

test('every test file that uses Docker is in the serial group', () => {
  const missing = testFiles.flatMap((file) => {
    const why = uses(file, DOCKER_USE);
    return why && !(file in groups.serial) ? [`${file} (${why})`] : [];
  });
  assert.deepEqual(missing, [], `add these to "serial" in ${GROUPS_FILE}, with the reason`);
});

test('every test file that starts an in-process stack is in the serial or the stack group', () => {
  const missing = testFiles.flatMap((file) => {
    const why = uses(file, STACK_USE);
    return why && !(file in groups.serial) && !(file in groups.stack) ? [`${file} (${why})`] : [];
  });
  assert.deepEqual(missing, [], `add these to "stack" (or "serial") in ${GROUPS_FILE}, with the reason`);
});

test('the groups name existing test files, each once, each with a reason', () => {
  const listed = [
    ...Object.entries(groups.serial),
    ...Object.entries(groups.stack),
    ...Object.entries(groups.slow),
  ];
  for (const [file, reason] of listed) {
    assert.ok(testFiles.includes(file), `${GROUPS_FILE}: ${file} is not a test file`);
    assert.ok(reason.trim().length > 0, `${GROUPS_FILE}: ${file} has no reason`);
  }
  assert.equal(new Set(listed.map(([f]) => f)).size, listed.length, `${GROUPS_FILE}: a file is listed twice`);
});

test('the markers find the files they are meant for', () => {
  // Guards the scan itself: if these stop matching, the checks above pass vacuously.
  assert.ok(uses('test/testbed/integration/testbed-lifecycle.test.ts', DOCKER_USE));
  assert.ok(uses('test/testbed/agent/agent-docker-backend.test.ts', DOCKER_USE));
  assert.ok(uses('test/testbed/contract/fault-matrix.test.ts', STACK_USE));
  assert.equal(uses('test/testbed/contract/contract-baseline.test.ts', DOCKER_USE), undefined);
  assert.equal(uses('test/eval/expression.test.ts', DOCKER_USE), undefined);
});
