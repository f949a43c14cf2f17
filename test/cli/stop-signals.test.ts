import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { reply, startServer, type TestServer } from '../exec/test-server.ts';
import { cleanEnv, startCommandIn } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { elements, parseXml } from '../report/xml-tree.ts';

// A gateway whose API never answers, and a run stopped by each signal a CI job or a terminal sends, or by its own
// --timeout: the run ends within seconds with the documented exit code, writes its reports, and leaves no process
// or run folder.

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-stop-signals-'));
const hung: ServerResponse[] = [];
let gateway: TestServer | undefined;
/** Resolves the running test's wait for its case's first API call. */
let onApiCall: () => void = () => undefined;
after(async () => {
  for (const res of hung) res.destroy();
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** How the test stops the run once its case has called the API: a signal, or the run's own --timeout. */
type Stop = { readonly signal: NodeJS.Signals } | { readonly timeoutSeconds: number };

async function stoppedRun(stop: Stop, name: string) {
  const apiSeen = new Promise<void>((resolve) => {
    onApiCall = resolve;
  });
  gateway ??= await startServer(
    (req, res) => {
      if (req.url === '/health') return reply(res, 200, { status: 'healthy' });
      if (req.url.startsWith('/user/auth'))
        return reply(res, 200, { AuthenticationResult: { IdToken: 'tok-1234567' } });
      hung.push(res); // never answered
      onApiCall();
    },
    { tls: true },
  );
  // A temp folder of the run's own: other test files start runs of their own meanwhile.
  const runTmp = mkdtempSync(join(dir, `${name}-tmp-`));
  const junit = join(dir, `${name}.xml`);
  const args = ['run', '--target', 'external', '--env', 'e2e-docker', '--id', 'SMK-003', '--junit', junit];
  if ('timeoutSeconds' in stop) args.push('--timeout', String(stop.timeoutSeconds));
  // Killed after a minute at the latest: a run that ignored its stop fails the test instead of hanging it.
  const run = startCommandIn(
    REPO_ROOT,
    process.execPath,
    [join(REPO_ROOT, 'bin', 'esb-e2e.mjs'), ...args],
    {
      ...cleanEnv(['GATEWAY_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS']),
      GATEWAY_URL: gateway.url,
      X_API_KEY: 'key-0123456789',
      AUTH_USER: 'user',
      AUTH_PASS: 'pass-0123456789',
      VERIFY_SSL: 'false',
      TMPDIR: runTmp,
    },
    60_000,
  );
  const { child } = run;
  const startedAt = Date.now();
  const closed = run.result.then((result) => result.status);
  // The case's first API call, unless the run ends first (then the checks below say why).
  const called = await Promise.race([apiSeen.then(() => true), closed.then(() => false)]);
  if ('signal' in stop) {
    const { stdout, stderr } = run.output();
    assert.ok(called, `the run ended before its case called the API:\n${stdout}${stderr}`);
  }
  const running = called ? descendants(child.pid as number) : [];
  if (called) assert.ok(running.length > 0, 'the run has no child process while a case runs');
  const stoppedAt = 'signal' in stop ? Date.now() : startedAt;
  if ('signal' in stop) child.kill(stop.signal);
  const { status, stdout, stderr } = await run.result;
  const seconds = (Date.now() - stoppedAt) / 1000;
  // A run stopped while its case ran reports the case (a --timeout on a loaded machine may come earlier, while
  // the run still checks the gateway: then only the code and the cleanup are checked).
  if (called) {
    // Interrupted, not failed: listed apart, counted apart, an error of type Interrupted in JUnit.
    assert.match(
      stdout,
      /^Interrupted \(not failed: the run was stopped before they finished\):\n\n\[e2e-docker\] ⊘ SMK-003 test_runtime_echo\[python\] \(catalog\/smoke\/[^)]+\) not finished: /m,
    );
    assert.doesNotMatch(stdout, /^Failures:/m);
    assert.match(stdout, /^e2e: 0 passed, 0 failed, 0 skipped, 1 interrupted$/m);
    const xml = readFileSync(junit, 'utf8');
    const [smk] = elements(parseXml(xml), 'testcase').filter(
      (c) => c.attrs.name === 'SMK-003 test_runtime_echo[python]',
    );
    assert.ok(smk, xml);
    assert.deepEqual(
      smk.children.map((e) => [e.name, e.attrs.type]),
      [['error', 'Interrupted']],
      xml,
    );
  }
  // Every process the run had started is gone (within two seconds: the kernel reaps asynchronously).
  const deadline = Date.now() + 2000;
  let alive = running.filter((pid) => existsSync(`/proc/${pid}`));
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = running.filter((pid) => existsSync(`/proc/${pid}`));
  }
  const commands = alive.map((pid) => {
    try {
      return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`;
    } catch {
      return `${pid} (gone)`;
    }
  });
  assert.deepEqual(alive, [], `processes outlived the run: ${commands.join('; ')}`);
  const left = readdirSync(runTmp).filter((entry) => entry.startsWith('esb-e2e-run-'));
  assert.deepEqual(left, [], 'the run left its temp folder');
  return { status, seconds, stdout, stderr };
}

describe('a run stopped by a signal or by --timeout', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: ends within seconds with ${code}, reports the case as interrupted, leaves nothing behind`, async () => {
      const run = await stoppedRun({ signal }, signal);
      assert.equal(run.status, code, run.stdout + run.stderr);
      assert.ok(run.seconds < 5, `the run took ${run.seconds} s to stop`);
      assert.match(
        run.stderr,
        new RegExp(`^esb-e2e run: interrupted \\(${signal}\\); stopping the cases and tearing down$`, 'm'),
      );
    });
  }

  it('--timeout 5: the run stops itself, exit 124, the same report and cleanup', async () => {
    // Counted from the start: the deadline may come before the case has reached the API on a slow machine.
    const run = await stoppedRun({ timeoutSeconds: 5 }, 'timeout');
    assert.equal(run.status, 124, run.stdout + run.stderr);
    // From the spawn: node and tsx start, the deadline, the stop; a loaded machine is slow at all three.
    assert.ok(run.seconds < 5 + 25, `the run took ${run.seconds} s in all:\n${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /^esb-e2e run: --timeout of 5 s reached; stopping the cases and tearing down$/m);
  });
});
