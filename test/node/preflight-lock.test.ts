import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLock, PLATFORM_RESOURCE } from '../../runner/exec/resource-lock.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { createEntryProject, entryRunEnv } from './entry-project.ts';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-preflight-lock-'));
const project = createEntryProject();
after(() => {
  project.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('the entry-file preflight and a case that takes the whole platform', () => {
  it('asks /health only once no case holds the platform exclusively', async () => {
    const lockDir = join(dir, 'locks');
    let heldExclusive = true;
    const healthWhileHeld: boolean[] = [];
    const server = createServer((request, response) => {
      if (request.url === '/health') healthWhileHeld.push(heldExclusive);
      response.writeHead(request.url === '/health' ? 200 : 404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    // node's own reporters name a test when it ends; this one says when a test is about to run.
    const reporter = join(dir, 'dequeue-reporter.mjs');
    writeFileSync(
      reporter,
      "export default async function* (events) { for await (const e of events) if (e.type === 'test:dequeue') yield `dequeue ${e.data.name}\\n`; }\n",
    );
    // A restart case of another file, as far as the lock is concerned.
    const exclusive = await acquireLock(lockDir, PLATFORM_RESOURCE, 'exclusive');
    try {
      const child = spawn(
        process.execPath,
        // The file run in-process (as esb-e2e run does), so its reporter's lines arrive as they happen.
        [
          '--import',
          'tsx',
          `--test-reporter=${reporter}`,
          '--test-reporter-destination=stdout',
          'e2e/smoke.test.ts',
        ],
        {
          cwd: REPO_ROOT,
          env: entryRunEnv({ root: project.root, lockDir, gatewayUrl: `http://127.0.0.1:${port}` }),
        },
      );
      let output = '';
      const started = new Promise<void>((resolve) =>
        child.stdout.on('data', (d) => {
          output += d;
          // The case, and with it the preflight, is starting.
          if (/^dequeue SMO-001 /m.test(output)) resolve();
        }),
      );
      child.stderr.on('data', (d) => {
        output += d;
      });
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      await Promise.race([started, exited]);
      // Long enough for an unguarded check to reach a loopback server; a guarded one waits however long it is.
      await sleep(1_000);
      assert.deepEqual(healthWhileHeld, [], output);
      heldExclusive = false;
      exclusive.release();
      assert.equal(await exited, 0, output);
      assert.deepEqual(healthWhileHeld, [false], output);
    } finally {
      exclusive.release();
      server.close();
    }
  });
});
