import { main } from '../../runner/cli/main.ts';
import { withCliIo } from '../../runner/config/command-io.ts';
import { EXTERNAL_TARGET } from '../../runner/targets/external-target.ts';
import { TESTBED_TARGET } from '../../testbed/target/testbed-target.ts';
import { type ChildResult, cleanEnv } from './child-run.ts';

/**
 * Runs a command's function in this process, with its own output buffers and environment (a clean one plus
 * `env`), as its program would run it (runner/config/command-io.ts): a check of a command line costs a call,
 * not a child process. Errors the command did not expect reject, which fails the calling test.
 */
export async function runInProcess(
  command: (args: string[]) => Promise<number> | number,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ChildResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    env: { ...cleanEnv(), ...env },
  };
  const status = await withCliIo(io, () => command([...args]));
  return { status, stdout, stderr };
}

/** `esb-e2e <args>` in this process, with the run targets bin/esb-e2e.mjs hands it. */
export function esbE2eInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ChildResult> {
  return runInProcess((a) => main(a, { targets: [TESTBED_TARGET, EXTERNAL_TARGET] }), args, env);
}
