import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  filteredOutByNode,
  parseNodeTestCommand,
  testShardOption,
} from '../../runner/node/node-test-command.ts';
import { nodeTestParent, underNodeTest } from '../../runner/node/node-test-parent.ts';
import { type RunFile, shardCasesByFile } from '../../runner/plan/shard.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import {
  caseIdsOf,
  createEntryProject,
  ENTRY_PROJECT_CASES,
  entryRunEnv,
  startHealthServer,
} from './entry-project.ts';
import { nodeTestJunit } from './junit-cases.ts';

describe('node --test command lines', () => {
  it('give the files in the order node shards them, skipping options and their values', () => {
    const command = parseNodeTestCommand(
      [
        'node',
        '--import',
        'tsx',
        '--enable-source-maps',
        '--test',
        '--test-reporter',
        'junit',
        '--test-reporter-destination',
        'junit.xml',
        '--test-shard=2/3',
        'e2e/standard.test.ts',
        '../main/e2e/autoscaling.test.ts',
        '--',
        '-odd-name.test.ts',
        '',
      ],
      '/work/main',
    );
    assert.deepEqual(command?.files, [
      '/work/main/-odd-name.test.ts',
      '/work/main/e2e/autoscaling.test.ts',
      '/work/main/e2e/standard.test.ts',
    ]);
    assert.equal(parseNodeTestCommand(['node', 'bin/esb-e2e.mjs', 'run'], '/work/main'), undefined);
    assert.equal(testShardOption(['--import', 'tsx', '--test-shard=2/3']), '2/3');
    assert.equal(testShardOption(['--test-shard', '1/4']), '1/4');
    assert.equal(testShardOption(['--enable-source-maps']), undefined);
  });

  it('are read from /proc for the node --test run this file belongs to', {
    skip: underNodeTest(process.env) ? false : 'this file was not started by node --test',
  }, () => {
    const parent = nodeTestParent();
    assert.match(parent.key ?? '', new RegExp(`^${process.ppid}-\\d+$`));
    assert.ok(parent.command?.files.includes(process.argv[1] ?? ''), JSON.stringify(parent.command));
    // This process itself is no node --test command.
    assert.equal(nodeTestParent(process.pid).command, undefined);
  });

  it("tell whether node's name filters keep a test from running", () => {
    assert.equal(filteredOutByNode('catalogue', ['--import', 'tsx']), false);
    assert.equal(filteredOutByNode('catalogue', ['--test-name-pattern=^STD-']), true);
    assert.equal(
      filteredOutByNode('catalogue', ['--test-name-pattern=^STD-', '--test-name-pattern', '/CATA/i']),
      false,
    );
    assert.equal(filteredOutByNode('catalogue', ['--test-skip-pattern=logue$']), true);
  });
});

describe('shardCasesByFile', () => {
  const files: RunFile[] = ['a', 'b', 'c', 'd', 'e', 'f', 'x'].map((path) => ({
    path,
    canOwn: path !== 'x',
  }));
  // Uneven scenarios: a has 1 case, b 2, …, f 6 (21 cases), in plan order f, e, …, a.
  const cases = ['f', 'e', 'd', 'c', 'b', 'a'].flatMap((file) =>
    Array.from({ length: file.charCodeAt(0) - 96 }, (_, k) => ({ file, k })),
  );

  for (const total of [1, 2, 3, 4, 6, 7]) {
    it(`puts every case in exactly one file of one of ${total} shards, the shards differing by at most one`, () => {
      const seen = new Map<(typeof cases)[number], string>();
      const sizes: number[] = [];
      for (let index = 1; index <= total; index++) {
        const byFile = shardCasesByFile(cases, (c) => c.file, files, { index, total });
        let size = 0;
        for (const [file, owned] of byFile) {
          // node runs file k of the sorted list in shard (k mod n) + 1: a file only runs in its own shard.
          assert.equal(files.findIndex((f) => f.path === file) % total, index - 1);
          for (const c of owned) {
            assert.ok(!seen.has(c), `case ${c.file}${c.k} twice`);
            seen.set(c, file);
          }
          size += owned.length;
        }
        sizes.push(size);
      }
      assert.equal(seen.size, cases.length);
      const active = sizes.filter((s) => s > 0);
      assert.ok(Math.max(...active) - Math.min(...active) <= 1, sizes.join(','));
      // Shards that hold an entry file all get cases (with 7 shards the 7th holds only x, which owns nothing).
      assert.equal(active.length, Math.min(total, 6));
      // A case stays with its own file whenever that file is in the case's shard.
      for (const [c, file] of seen) {
        const ownShard = files.findIndex((f) => f.path === c.file) % total;
        const runShard = files.findIndex((f) => f.path === file) % total;
        if (ownShard === runShard) assert.equal(file, c.file);
      }
    });
  }
});

describe('node --test --test-shard=i/3 over every entry file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-test-shard-'));
  const project = createEntryProject();
  let gateway: { url: string; server: Server };
  before(async () => {
    gateway = await startHealthServer(200);
  });
  after(() => {
    gateway?.server.close();
    project.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every case in exactly one shard, three shards differing by at most one case', async () => {
    const entries = readdirSync(join(REPO_ROOT, 'e2e'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `e2e/${f}`);
    assert.equal(entries.length, Object.keys(ENTRY_PROJECT_CASES).length);
    const env = entryRunEnv({ root: project.root, lockDir: join(dir, 'locks'), gatewayUrl: gateway.url });
    const shards = await Promise.all(
      [1, 2, 3].map((i) => nodeTestJunit(dir, `shard-${i}`, [`--test-shard=${i}/3`, ...entries], env)),
    );
    // Fewer cases than shards: the shard without one says so and passes, as node's own empty shards do.
    const empty = await nodeTestJunit(dir, 'shard-empty', ['--test-shard=3/3', ...entries], {
      ...env,
      ESB_E2E_IDS: 'SMO-001,AUT-001',
    });
    assert.equal(empty.status, 0, empty.stdout + empty.stderr);
    assert.deepEqual(
      empty.cases.map((c) => c.skipped),
      ['java', 'standard'].map(
        () =>
          "--test-shard=3/3 gets no case: the run's 2 case(s) of e2e-docker (ESB_E2E_IDS=SMO-001,AUT-001) all fall to other shards",
      ),
    );
    const all = Object.keys(ENTRY_PROJECT_CASES).flatMap(caseIdsOf);
    const seen: string[] = [];
    for (const shard of shards) {
      assert.equal(shard.status, 0, shard.stdout + shard.stderr);
      for (const c of shard.cases) assert.equal(c.failure ?? c.skipped, undefined, `${c.name} did not pass`);
      seen.push(...shard.cases.map((c) => c.name.split(' ')[0] ?? ''));
    }
    assert.deepEqual([...seen].sort(), [...all].sort());
    const sizes = shards.map((s) => s.cases.length);
    // By file, node would run 7, 4 and 15 of these 26 cases.
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, sizes.join(','));
  });
});
