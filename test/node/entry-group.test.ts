import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeCatalogueSnapshot } from '../../runner/load/catalogue-snapshot.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { buildEntryBundle, type EntryBundle } from '../../runner/node/entry-bundle.ts';
import { RUN_VARIABLE } from '../../runner/node/run-variables.ts';
import { spawnEntry } from '../../runner/node/spawn-entry.ts';
import type { ReporterRecord } from '../../runner/report/reporter-records.ts';
import { listenOnLoopback } from '../exec/test-server.ts';
import { cleanEnv } from '../helpers/child-run.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// The node:test process of `esb-e2e run` (runner/node/entry-group.ts): the entry files of several scenarios in one
// process, with the run's bundle of the entry API and without it. Against a loopback server whose one route
// answers after a while and counts the calls in flight.
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-entry-group-'));
let server: Server;
let gatewayUrl: string;
let inFlight = 0;
let mostInFlight = 0;
let healthChecks = 0;
const calls: string[] = [];
before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== '/slow') {
      if (url.pathname === '/health') healthChecks++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy"}');
      return;
    }
    calls.push(url.searchParams.get('case') ?? '');
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }, 400);
  });
  const { port } = await listenOnLoopback(server, 'http');
  gatewayUrl = `http://127.0.0.1:${port}`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const CASE = (id: string) => `
  - test: test_${id.toLowerCase().replace('-', '_')}
    id: ${id}
    anchor: desc-${id.toLowerCase()}
    category: 機能系
    fixture: none
    doc: { guarantee: 保証する。, input: 入力する。, pass_criteria: 合格すること。, failure_hint: 確認する。 }
    steps:
      - name: slow call
        request: { method: GET, path: "/slow?case=${id}", auth: none }
        expect: { status: 200 }
`;

/** Two scenarios (alpha: GRP-001, GRP-002; beta: GRP-003), each with its entry file, and a broken entry file. */
function project(): string {
  const root = scratchProject(join(dir, 'project'), {
    env: 'e2e-docker',
    scenario: 'alpha',
    file: 'test_alpha.yaml',
    cases: `cases:${CASE('GRP-001')}${CASE('GRP-002')}`,
  });
  mkdirSync(join(root, 'catalog', 'beta'));
  writeFileSync(
    join(root, 'catalog', 'beta', 'test_beta.yaml'),
    `# yaml-language-server: $schema=../../schema/catalog-file.schema.json\ncases:${CASE('GRP-003')}`,
  );
  writeFileSync(
    join(root, 'environments', 'test_matrix.yaml'),
    '# yaml-language-server: $schema=../schema/test-matrix.schema.json\nsuites:\n  both:\n    targets: [../catalog/alpha/, ../catalog/beta/]\n    exclude: []\nenvironments:\n  e2e-docker:\n    suites: [both]\n',
  );
  writeFileSync(
    join(root, 'e2e', 'beta.test.ts'),
    "import { registerScenario } from 'esb-e2e';\n\nconsole.log('EXEC-ARGV', JSON.stringify(process.execArgv));\nregisterScenario('beta');\n",
  );
  writeFileSync(join(root, 'e2e', 'broken.test.ts'), "throw new Error('broken on purpose');\n");
  return root;
}

async function runGroup(root: string, bundle: EntryBundle | undefined, catalogueSnapshot?: string) {
  const records: ReporterRecord[] = [];
  const output: string[] = [];
  const exit = await spawnEntry({
    entries: ['alpha', 'broken', 'beta'].map((name) => join(root, 'e2e', `${name}.test.ts`)),
    env: {
      ...cleanEnv(),
      GATEWAY_URL: gatewayUrl,
      X_API_KEY: 'group-test-api-key-0123',
      AUTH_USER: 'group-user',
      AUTH_PASS: 'group-password-0123',
      [RUN_VARIABLE.root]: root,
      [RUN_VARIABLE.env]: 'e2e-docker',
      [RUN_VARIABLE.lockDir]: mkdtempSync(join(dir, 'locks-')),
      [RUN_VARIABLE.scratchDir]: mkdtempSync(join(dir, 'scratch-')),
    },
    onRecord: (record) => records.push(record),
    onOutput: (line) => output.push(line),
    ...(bundle === undefined ? {} : { bundle }),
    ...(catalogueSnapshot === undefined ? {} : { catalogueSnapshot }),
  });
  return { exit, records, output };
}

describe('the entry files of a run in one node:test process', () => {
  let root: string;
  let bundle: EntryBundle;
  let compiledBundle: EntryBundle;
  before(async () => {
    root = project();
    bundle = await buildEntryBundle(join(dir, 'bundle'));
    compiledBundle = await buildEntryBundle(
      join(dir, 'bundle-compiled'),
      ['alpha', 'broken', 'beta'].map((name) => join(root, 'e2e', `${name}.test.ts`)),
    );
  });

  for (const variant of ['compiled entry files', 'bundled entry API', 'sources'] as const)
    it(`runs every scenario's cases once, side by side, and names a file that cannot load (${variant})`, async () => {
      calls.length = 0;
      mostInFlight = 0;
      healthChecks = 0;
      const { exit, records, output } = await runGroup(
        root,
        variant === 'sources' ? undefined : variant === 'bundled entry API' ? bundle : compiledBundle,
      );
      // With every entry file compiled, the process needs no tsx; otherwise tsx loads them.
      const execArgv = output.find((line) => line.startsWith('EXEC-ARGV')) ?? '';
      if (variant === 'compiled entry files') assert.doesNotMatch(execArgv, /tsx/);
      else assert.match(execArgv, /tsx/);
      const cases = records.filter((r) => r.kind === 'case');
      assert.deepEqual(
        cases.map((c) => `${c.title} ${c.status}`).sort(),
        ['GRP-001 test_grp_001 passed', 'GRP-002 test_grp_002 passed', 'GRP-003 test_grp_003 passed'],
        output.join('\n'),
      );
      assert.deepEqual([...calls].sort(), ['GRP-001', 'GRP-002', 'GRP-003']);
      // alpha's two cases and beta's one: all three calls in flight at once (each takes 400 ms).
      assert.equal(mostInFlight, 3);
      // The scenarios of one process check the target once, together.
      assert.equal(healthChecks, 1);
      const failures = records.filter((r) => r.kind === 'file-failure');
      assert.equal(failures.length, 1, JSON.stringify(records));
      assert.match(
        failures[0]?.kind === 'file-failure' ? failures[0].message : '',
        /^e2e\/broken\.test\.ts cannot be loaded: broken on purpose$/,
      );
      assert.equal(exit.code, 1);
    });

  it('runs the catalogue as the run loaded it (its snapshot), and shows positions in the files as they were', async () => {
    const snapshot = join(dir, 'catalogue.json');
    writeCatalogueSnapshot(loadCatalogue(root), snapshot);
    const alpha = join(root, 'catalog', 'alpha', 'test_alpha.yaml');
    const text = readFileSync(alpha, 'utf8');
    // Edited after the run loaded it: GRP-001 now expects 201 (which it would fail), five lines further down.
    writeFileSync(
      alpha,
      text.replace('cases:', '#\n#\n#\n#\n#\ncases:').replace('status: 200', 'status: 201'),
    );
    try {
      calls.length = 0;
      const { records, output } = await runGroup(root, bundle, snapshot);
      const cases = records.filter((r) => r.kind === 'case');
      assert.deepEqual(
        cases.map((c) => `${c.title} ${c.status}`).sort(),
        ['GRP-001 test_grp_001 passed', 'GRP-002 test_grp_002 passed', 'GRP-003 test_grp_003 passed'],
        output.join('\n'),
      );
    } finally {
      writeFileSync(alpha, text);
    }
    // A failing case of the snapshot is located by the text the run loaded.
    const failing = text.replace('expect: { status: 200 }', 'expect: { status: 418 }');
    writeFileSync(alpha, failing);
    writeCatalogueSnapshot(loadCatalogue(root), snapshot);
    writeFileSync(alpha, `#\n#\n#\n${text}`);
    try {
      const { records } = await runGroup(root, bundle, snapshot);
      const failed = records.filter((r) => r.kind === 'case' && r.status === 'failed');
      assert.deepEqual(
        failed.map((r) => (r.kind === 'case' ? r.title : '')),
        ['GRP-001 test_grp_001'],
        JSON.stringify(records),
      );
      // The line of the snapshot's text (the file has three more lines now); the quoted line is read from the
      // file when the case fails, as without a snapshot.
      const line = failing.split('\n').findIndex((l) => l.includes('status: 418')) + 1;
      assert.match(
        failed[0]?.kind === 'case' ? (failed[0].failure ?? '') : '',
        new RegExp(`test_alpha\\.yaml:${line}:27: expected status 418`),
      );
    } finally {
      writeFileSync(alpha, text);
    }
  });
});
