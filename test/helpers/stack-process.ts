import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedBuild, DEFAULT_BUILD_CACHE } from '../../runner/files/build-cache.ts';
import { NODE_BUNDLE_OPTIONS } from '../../runner/files/node-bundle-options.ts';
import { SOURCE_URLS } from '../../runner/node/source-urls-plugin.ts';
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

let stackProgram: Promise<string> | undefined;

/**
 * stack-process-main.ts bundled, through the build cache (one build until a source changes): through tsx, every
 * stack process loaded the testbed's sources anew, about 1.3 CPU s, and the fault pass starts 28 of them. The
 * bundle lives in a folder of this process's under the cache, inside node_modules, where node finds the packages
 * it leaves outside; each file keeps its own import.meta.url (SOURCE_URLS), so the testbed finds its files.
 */
function stackProgramPath(): Promise<string> {
  stackProgram ??= (async () => {
    const outDir = join(DEFAULT_BUILD_CACHE, `run-stack-process-${process.pid}`);
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await cachedBuild(
      'stack-process',
      {
        ...NODE_BUNDLE_OPTIONS,
        entryPoints: { 'stack-process-main': join(REPO_ROOT, 'test', 'helpers', 'stack-process-main.ts') },
        plugins: [SOURCE_URLS],
      },
      outDir,
    );
    return join(outDir, 'stack-process-main.mjs');
  })();
  return stackProgram;
}

async function startOnce(options: InProcessStackOptions): Promise<StackProcess> {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', await stackProgramPath(), JSON.stringify(options)],
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
