import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './project-copy.ts';

export interface ChildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * This test process's environment without anything that would configure a run: no ESB_E2E_* variables, no
 * node:test context (a child `node --test` would otherwise report to this process), and none of `drop`
 * (e.g. the client variables of a stack, so that only an env file supplies them).
 */
export function cleanEnv(drop: Iterable<string> = []): Record<string, string> {
  const dropped = new Set(drop);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !dropped.has(k) && !k.startsWith('ESB_E2E_') && k !== 'NODE_TEST_CONTEXT')
      env[k] = v;
  return env;
}

/**
 * Runs node with `args` from the repository root and collects its output, asynchronously: servers in this
 * process (an in-process stack) must keep answering while the child runs.
 */
export function runNode(args: readonly string[], env: Record<string, string>): Promise<ChildResult> {
  return runCommandIn(REPO_ROOT, process.execPath, args, env, NODE_CHILD_LIMIT_MS);
}

/** A node child of a test is killed after this long: far beyond any run the tests start, short of a hung CI job. */
const NODE_CHILD_LIMIT_MS = 15 * 60_000;

/** The real `esb-e2e` command. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = cleanEnv(),
): Promise<ChildResult> {
  return runNode([join(REPO_ROOT, 'bin', 'esb-e2e.mjs'), ...args], env);
}

/** A child being run: the process (to signal it), its output so far, and its result once it has closed. */
export interface StartedChild {
  readonly child: ChildProcess;
  output(): { readonly stdout: string; readonly stderr: string };
  readonly result: Promise<ChildResult>;
}

/**
 * Starts any command (npm, npx, node) in `cwd` and collects its output; kills it after `timeoutMs` and says so
 * in stderr, so that a hung child fails its test with a reason instead of stalling.
 */
export function startCommandIn(
  cwd: string,
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
): StartedChild {
  const child = spawn(command, args, { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms: ${command} ${args.join(' ')}]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
  return { child, output: () => ({ stdout, stderr }), result };
}

/** Runs any command in `cwd` to its end (startCommandIn), asynchronously. */
export function runCommandIn(
  cwd: string,
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ChildResult> {
  return startCommandIn(cwd, command, args, env, timeoutMs).result;
}
