import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { InProcessStackOptions } from '../../testbed/stack/in-process-stack.ts';
import { REPO_ROOT } from './project-copy.ts';

export interface StackProcess {
  /** The client environment, as `npm run testbed -- up` writes it. */
  readonly clientEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Stack starts that lost a port race, tried again before giving up. */
const PORT_RACE_ATTEMPTS = 3;

/**
 * Starts an in-process testbed stack in a child process (see stack-process-main.ts) and waits until it is up.
 * The stack picks free ports before its services bind them; another stack starting beside it (or an outgoing
 * connection, which draws from the same ephemeral range) can take one in between. That start is tried again.
 */
export async function startStackProcess(options: InProcessStackOptions): Promise<StackProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof PortRaceError) || attempt >= PORT_RACE_ATTEMPTS) throw error;
    }
  }
}

class PortRaceError extends Error {}

function startOnce(options: InProcessStackOptions): Promise<StackProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'test', 'helpers', 'stack-process-main.ts'), JSON.stringify(options)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = /^ready (.*)$/m.exec(stdout);
      if (line === null) return;
      resolve({
        clientEnv: JSON.parse(line[1] as string) as Record<string, string>,
        async close() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      const message = `the stack process exited (${code}) before it was up: ${stderr.slice(-2000)}`;
      reject(/EADDRINUSE/.test(stderr) ? new PortRaceError(message) : new Error(message));
    });
  });
}
