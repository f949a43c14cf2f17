import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanEnv, runCli } from '../helpers/child-run.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// `esb-e2e run` gives each phase of an environment one process, which keeps the run's locks and run slots in
// memory (ESB_E2E_LOCK_SCOPE=process): the cases still take turns on an exclusive resource and keep to
// --concurrency, and the run's lock folder holds no lock or slot file while they run.

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-locks-in-memory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const caseYaml = (n: number, path: string, exclusive: boolean) =>
  [
    `  - test: test_case_${n}`,
    `    id: MEM-00${n}`,
    `    anchor: desc-mem-${n}`,
    '    category: 機能系',
    '    doc: { guarantee: g, input: i, pass_criteria: p, failure_hint: h }',
    '    fixture: none',
    ...(exclusive ? ['    resources: { exclusive: ["function:one-at-a-time"] }'] : []),
    '    steps:',
    `      - request: { path: ${path} }`,
    '        expect: { status: 200 }',
  ].join('\n');

test('cases take turns on an exclusive resource and keep to --concurrency, with no lock file; ESB_E2E_TIME_SPLIT says where the time went', async () => {
  const tmp = join(dir, 'tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  let inFlight = 0;
  let mostInFlight = 0;
  let exclusiveInFlight = 0;
  let mostExclusive = 0;
  const lockFiles: string[] = [];
  const server = createServer((request, response) => {
    const exclusive = request.url === '/exclusive';
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    if (exclusive) {
      exclusiveInFlight++;
      mostExclusive = Math.max(mostExclusive, exclusiveInFlight);
    }
    // While cases run: whatever the run keeps in its folder (TMPDIR/esb-e2e-run-*/<env>/).
    for (const run of readdirSync(tmp).filter((name) => name.startsWith('esb-e2e-run-'))) {
      const envDir = join(tmp, run, 'e2e-docker');
      if (existsSync(envDir)) lockFiles.push(...readdirSync(envDir).filter((name) => name !== 'scratch'));
    }
    setTimeout(() => {
      inFlight--;
      if (exclusive) exclusiveInFlight--;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const cases = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => caseYaml(n, n <= 4 ? '/exclusive' : '/free', n <= 4));
    const root = scratchProject(join(dir, 'project'), {
      env: 'e2e-docker',
      scenario: 'memory',
      file: 'test_memory.yaml',
      cases: `cases:\n${cases.join('\n')}\n`,
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await runCli(
      ['run', '--target', 'external', '--env', 'e2e-docker', '--concurrency', '3'],
      {
        ...cleanEnv(['GATEWAY_URL']),
        ESB_E2E_ROOT: root,
        TMPDIR: tmp,
        GATEWAY_URL: url,
        VICTORIALOGS_URL: url,
        X_API_KEY: 'memory-api-key',
        AUTH_USER: 'memory',
        AUTH_PASS: 'memory-password',
        NO_COLOR: '1',
        ESB_E2E_TIME_SPLIT: '1',
      },
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^e2e: 8 passed, 0 failed, 0 skipped$/m);
    assert.equal(mostExclusive, 1, 'the cases of the exclusive resource took turns');
    assert.equal(mostInFlight, 3, 'three cases at once (--concurrency 3), no more');
    assert.deepEqual(lockFiles, [], 'no lock or run-slot file in the run folder');
    // Four exclusive cases of 0.15 s each, one after the other: the cases took at least 0.6 s.
    const split =
      /^esb-e2e run: time: start-up [\d.]+ s, catalogue [\d.]+ s, plan [\d.]+ s, preparation [\d.]+ s, cases ([\d.]+) s, reporting [\d.]+ s$/m.exec(
        result.stderr,
      );
    assert.ok(split !== null, result.stderr);
    assert.ok(Number(split[1]) >= 0.6, `cases ${split[1]} s`);
  } finally {
    server.close();
  }
});
