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
  docker: Record<string, { readonly testbeds: string; readonly why: string }>;
  machine: Record<string, string>;
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

test('every test file that uses Docker is in the docker group', () => {
  const missing = testFiles.flatMap((file) => {
    const why = uses(file, DOCKER_USE);
    return why && !(file in groups.docker) ? [`${file} (${why})`] : [];
  });
  assert.deepEqual(missing, [], `add these to "docker" in ${GROUPS_FILE}, with the reason`);
});

test('each docker file says which profiles it starts testbeds of (run-tests.mjs chains them by it)', () => {
  const known = ['e2e-docker', 'e2e-containerd', 'both', 'none'];
  const wrong = Object.entries(groups.docker).filter(([, entry]) => !known.includes(entry.testbeds));
  assert.deepEqual(
    wrong.map(([file]) => file),
    [],
    `give these "testbeds": one of ${known.join(', ')}, in ${GROUPS_FILE}`,
  );
});

test('only test files that use Docker are in the docker group', () => {
  // The docker group runs its files one at a time: a file there without cause would only slow the run down.
  const needless = Object.keys(groups.docker).filter((file) => uses(file, DOCKER_USE) === undefined);
  assert.deepEqual(needless, [], `move these out of "docker" in ${GROUPS_FILE}`);
});

test('every test file that starts an in-process stack is in the docker, machine or stack group', () => {
  const missing = testFiles.flatMap((file) => {
    const why = uses(file, STACK_USE);
    return why && !(file in groups.docker) && !(file in groups.machine) && !(file in groups.stack)
      ? [`${file} (${why})`]
      : [];
  });
  assert.deepEqual(missing, [], `add these to "stack" (or "machine") in ${GROUPS_FILE}, with the reason`);
});

test('the groups name existing test files, each once, each with a reason', () => {
  const listed = [
    ...Object.entries(groups.docker).map(([file, entry]) => [file, entry.why] as const),
    ...Object.entries(groups.machine),
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
  assert.ok(uses('test/faults/fault-pass.test.ts', STACK_USE));
  assert.equal(uses('test/testbed/contract/contract-baseline.test.ts', DOCKER_USE), undefined);
  assert.equal(uses('test/eval/expression.test.ts', DOCKER_USE), undefined);
});
