import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type InProcessStack, startInProcessStack } from '../../testbed/stack/in-process-stack.ts';
import { type ChildResult, cleanEnv, runCli } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { elements, parseXml } from '../report/xml-tree.ts';

const BIN = join(REPO_ROOT, 'bin', 'esb-e2e.mjs');
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-run-external-'));
let stack: InProcessStack;
/** A loopback port with nothing listening. */
let closedPort: number;

before(async () => {
  stack = await startInProcessStack();
  writeFileSync(
    join(dir, 'e2e-docker.env'),
    `${Object.entries(stack.clientEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the real CLI asynchronously: the in-process stack in this process must keep answering meanwhile. */
function cli(args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  return runCli(args, { ...cleanEnv(Object.keys(stack.clientEnv)), ...env });
}

const external = ['run', '--target', 'external', '--env', 'e2e-docker'];
const withFile = () => [...external, '--client-env', join(dir, '{env}.env')];

describe('esb-e2e run --target external against an in-process testbed', () => {
  it('runs the selected cases, reports progress, a table, JUnit named by ID and JSON, and exits 0', async () => {
    const junit = join(dir, 'pass.xml');
    const json = join(dir, 'pass.json');
    const result = await cli([
      ...withFile(),
      '--id',
      'SMK-001,SMK-002',
      '--id',
      'SMK-003',
      '--junit',
      junit,
      '--json',
      json,
    ]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    for (const title of [
      'SMK-001 test_gateway_health',
      'SMK-002 test_victorialogs_health',
      'SMK-003 test_runtime_echo[python]',
    ])
      assert.match(
        result.stdout,
        new RegExp(`^\\[e2e-docker\\] ✔ ${title.replace(/[[\]]/g, '\\$&')} \\d+\\.\\ds$`, 'm'),
      );
    assert.match(result.stdout, /^ENV\s+SUITE\s+PASSED\s+FAILED\s+SKIPPED\s+TIME$/m);
    assert.match(result.stdout, /^e2e-docker\s+smoke\s+3\s+0\s+0\s+\S+$/m);
    assert.match(result.stdout, /^e2e: 3 passed, 0 failed, 0 skipped$/m);

    const xml = parseXml(readFileSync(junit, 'utf8'));
    assert.equal(xml.attrs.tests, '3');
    assert.deepEqual(
      elements(xml, 'testcase').map((c) => c.attrs.name),
      [
        'SMK-001 test_gateway_health',
        'SMK-002 test_victorialogs_health',
        'SMK-003 test_runtime_echo[python]',
      ],
    );
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.deepEqual(report.totals, { passed: 3, failed: 0, skipped: 0 });
    assert.deepEqual(
      report.environments[0].cases.map((c: { id: string; status: string }) => [c.id, c.status]),
      [
        ['SMK-001', 'passed'],
        ['SMK-002', 'passed'],
        ['SMK-003', 'passed'],
      ],
    );
    // Each case's own time and its wait reach the report from the entry file's process (case-timing.ts).
    for (const c of report.environments[0].cases)
      assert.equal(typeof c.waitMs, 'number', `no waitMs in ${JSON.stringify(c)}`);
  });

  it('exits 1 on a failure, prints it in full with the YAML file:line, and never prints a secret', async () => {
    const junit = join(dir, 'fail.xml');
    const json = join(dir, 'fail.json');
    const wrongPass = 'wrong-pass-5f3a9c1e7b';
    const result = await cli(
      [...withFile(), '--id', 'SMK-002,SMK-003,STD-007', '--junit', junit, '--json', json],
      {
        VICTORIALOGS_URL: `http://127.0.0.1:${closedPort}`,
        AUTH_PASS: wrongPass,
      },
    );
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^\[e2e-docker\] ✖ SMK-002 test_victorialogs_health /m);
    assert.match(result.stdout, /^\[e2e-docker\] ✔ STD-007 /m);
    const failures = result.stdout.slice(result.stdout.indexOf('Failures:'));
    assert.match(
      failures,
      /\[e2e-docker\] ✖ SMK-002 test_victorialogs_health \(catalog\/smoke\/test_connectivity\.yaml:\d+\)/,
    );
    assert.match(failures, /catalog\/smoke\/test_connectivity\.yaml:\d+:\d+/);
    assert.match(failures, new RegExp(`GET http://127\\.0\\.0\\.1:${closedPort}/health`));
    assert.match(
      failures,
      /\[e2e-docker\] ✖ SMK-003 test_runtime_echo\[python\][\s\S]*login failed[\s\S]*401/,
    );
    assert.match(result.stdout, /^e2e: 1 passed, 2 failed, 0 skipped$/m);
    const xml = parseXml(readFileSync(junit, 'utf8'));
    assert.deepEqual(
      elements(xml, 'testcase')
        .filter((c) => c.children.some((f) => f.name === 'failure'))
        .map((c) => c.attrs.name),
      ['SMK-002 test_victorialogs_health', 'SMK-003 test_runtime_echo[python]'],
    );
    const everything = [
      result.stdout,
      result.stderr,
      readFileSync(junit, 'utf8'),
      readFileSync(json, 'utf8'),
    ].join('\n');
    for (const [name, secret] of [
      ['AUTH_PASS', wrongPass],
      ['X_API_KEY', stack.clientEnv.X_API_KEY],
      ['RUSTFS_SECRET_KEY', stack.clientEnv.RUSTFS_SECRET_KEY],
    ])
      assert.ok(secret !== undefined && !everything.includes(secret), `${name} leaked`);
  });

  it('filters by grep and splits by shard', async () => {
    const first = join(dir, 'shard1.json');
    const second = join(dir, 'shard2.json');
    const args = [...withFile(), '--suite', 'smoke', '--grep', '_HEALTH'];
    const [one, two] = await Promise.all([
      cli([...args, '--shard', '1/2', '--json', first]),
      cli([...args, '--shard', '2/2', '--json', second]),
    ]);
    assert.equal(one.status, 0, one.stdout + one.stderr);
    assert.equal(two.status, 0, two.stdout + two.stderr);
    const ids = (file: string) =>
      JSON.parse(readFileSync(file, 'utf8')).environments[0].cases.map((c: { id: string }) => c.id);
    assert.deepEqual(ids(first), ['SMK-001']);
    assert.deepEqual(ids(second), ['SMK-002']);
  });

  it('runs the cases that take the whole platform after every other case', async () => {
    const json = join(dir, 'phases.json');
    // Against an ESB not ours without --allow control-plane, RST-001 skips at once: it still waits its phase.
    const result = await cli([...withFile(), '--id', 'RST-001,SMK-001,SMK-002', '--json', json]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const cases: { id: string; status: string; startedAt: string; endedAt: string }[] = JSON.parse(
      readFileSync(json, 'utf8'),
    ).environments[0].cases;
    const main = cases.filter((c) => c.id !== 'RST-001');
    const last = cases.filter((c) => c.id === 'RST-001');
    assert.deepEqual(
      last.map((c) => c.status),
      ['skipped', 'skipped'],
    );
    const mainEnd = Math.max(...main.map((c) => Date.parse(c.endedAt)));
    for (const c of last) assert.ok(Date.parse(c.startedAt) >= mainEnd, `${c.startedAt} before ${mainEnd}`);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('[e2e-docker] '));
    assert.match(lines.at(-1) ?? '', /RST-001/);
  });

  it('reports each case as it ends, and on an interrupt stops the rest and still reports what ran', async () => {
    const child = spawn(process.execPath, [BIN, ...withFile(), '--id', 'ASC-005,STD-007'], {
      cwd: REPO_ROOT,
      env: cleanEnv(Object.keys(stack.clientEnv)),
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        // ASC-005 waits out the idle timeout (15 s and more). STD-007, of a later entry file, must report
        // while it runs (node --test over several files would hold it back); then interrupt.
        if (stdout.includes('STD-007')) resolve();
      });
    });
    // STD-007 reported while ASC-005 still ran: ASC-005 is "interrupted" below. The interrupt must end ASC-005's
    // idle wait (15 s and more) at once; 10 s from the signal leaves a slow machine room.
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    const status = await closed;
    assert.equal(status, 130, stdout + stderr);
    assert.ok(Date.now() - interruptedAt < 10_000, 'the interrupt did not stop ASC-005');
    assert.match(stdout, /^\[e2e-docker\] ✔ STD-007 /m);
    assert.match(stderr, /^esb-e2e run: interrupted \(SIGINT\); stopping the cases and tearing down$/m);
    assert.match(
      stdout,
      /^\[e2e-docker\] ⊘ ASC-005 test_invocation_after_idle_window \(catalog\/autoscaling\/[^)]+\) not finished: interrupted \(SIGINT\)$/m,
    );
    assert.match(stdout, /^e2e: 1 passed, 0 failed, 0 skipped, 1 interrupted$/m);
  });

  it('exits nonzero when nothing ran: every case skipped, or no case selected', async () => {
    const skipped = await cli([...withFile(), '--id', 'STD-027'], { E2E_IMAGE_TEST_EXPECT_SUCCESS: '0' });
    assert.equal(skipped.status, 1, skipped.stdout + skipped.stderr);
    assert.match(
      skipped.stdout,
      /^\[e2e-docker\] - STD-027 \S+ \d+\.\ds \(skipped: E2E_IMAGE_TEST_EXPECT_SUCCESS is falsy/m,
    );
    assert.match(skipped.stdout, /^e2e: 0 passed, 0 failed, 1 skipped$/m);
    const none = await cli([...withFile(), '--grep', 'no such case']);
    assert.equal(none.status, 1);
    assert.equal(
      none.stderr,
      'esb-e2e run: no case matches the selection; nothing ran (see the cases with: esb-e2e list)\n',
    );
  });

  it('stops before any case with one line on a configuration error', async () => {
    const configured = { ...stack.clientEnv };
    const errors: [string[], Record<string, string>, RegExp][] = [
      [external, { ...configured, X_API_KEY: '' }, /^esb-e2e run: \[e2e-docker\] X_API_KEY is not set; /],
      [
        external,
        { ...configured, GATEWAY_URL: `https://127.0.0.1:${closedPort}` },
        /^esb-e2e run: \[e2e-docker\] the gateway is unreachable: GET https:\/\/127\.0\.0\.1:\d+\/health failed/,
      ],
      [
        ['run', '--target', 'external', '--env', 'e2e-dockr'],
        configured,
        /^esb-e2e run: unknown environment 'e2e-dockr'; the matrix defines: e2e-docker, e2e-containerd/,
      ],
      [
        [...external, '--id', 'SMK-03'],
        configured,
        /^esb-e2e run: unknown case ID 'SMK-03'; did you mean 'SMK-003'\?/,
      ],
      [
        ['run', '--target', 'external'],
        configured,
        /^esb-e2e run: --target external runs against one ESB per environment: name it with --env/,
      ],
      [
        [...external, '--client-env', join(dir, 'missing-{env}.env')],
        {},
        /^esb-e2e run: \[e2e-docker\] cannot read the environment file .*missing-e2e-docker\.env/,
      ],
    ];
    const results = await Promise.all(errors.map(([args, env]) => cli(args, env)));
    for (const [i, result] of results.entries()) {
      const [args, , line] = errors[i] ?? assert.fail();
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', `${args.join(' ')} printed progress`);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, line);
      assert.ok(!result.stderr.includes(stack.clientEnv.X_API_KEY ?? '?'), 'secret in a configuration error');
    }
    const help = await cli(['run', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: esb-e2e run /);
    const usage = await cli(['run', '--profile', 'e2e-docker']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^esb-e2e run: Unknown option '--profile'.*\nusage: esb-e2e run /);
  });
});
