import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { caseIdsOf, createEntryProject, entryRunEnv, startHealthServer } from './entry-project.ts';
import { nodeTestJunit } from './junit-cases.ts';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-entry-selection-'));
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

const env = (extra: Record<string, string>) => ({
  ...entryRunEnv({ root: project.root, lockDir: join(dir, 'locks'), gatewayUrl: gateway.url }),
  ...extra,
});

describe('a selection that leaves an entry file, or the whole run, without cases', () => {
  it('fails every file, saying why, when no file of the run has a case', async () => {
    const [twoFiles, oneFile] = await Promise.all([
      nodeTestJunit(
        dir,
        'none-in-run',
        ['e2e/runtime-java.test.ts', 'e2e/restart.test.ts'],
        env({ ESB_E2E_IDS: 'SMO-001' }),
      ),
      nodeTestJunit(dir, 'none-in-env', ['e2e/runtime-java.test.ts'], env({ ESB_E2E_ENV: 'e2e-containerd' })),
    ]);
    assert.equal(twoFiles.status, 1, twoFiles.stdout);
    assert.deepEqual(
      twoFiles.cases.map((c) => [c.name, c.failure]),
      ['e2e-docker restart', 'e2e-docker runtime/java'].map((name) => [
        name,
        "no case of the run's 2 entry files is selected in e2e-docker (ESB_E2E_IDS=SMO-001): nothing would be tested; fix the selection (the cases: npx esb-e2e list --env e2e-docker)",
      ]),
    );
    assert.equal(oneFile.status, 1, oneFile.stdout);
    assert.deepEqual(
      oneFile.cases.map((c) => [c.name, c.failure]),
      [
        [
          'e2e-containerd runtime/java',
          'no case of e2e/runtime-java.test.ts is selected in e2e-containerd: nothing would be tested; fix the selection (the cases: npx esb-e2e list --env e2e-containerd)',
        ],
      ],
    );
  });

  it('skips, naming the environment and the scenario, a file without cases while others run theirs', async () => {
    const run = await nodeTestJunit(
      dir,
      'runtime-in-containerd',
      ['e2e/smoke.test.ts', 'e2e/runtime-java.test.ts'],
      env({ ESB_E2E_ENV: 'e2e-containerd' }),
    );
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(
      run.cases.map((c) => [c.name, c.failure, c.skipped]),
      [
        [
          'e2e-containerd runtime/java',
          undefined,
          "catalog/runtime/java/ has no case in e2e-containerd; the run's other files have 1",
        ],
        [`${caseIdsOf('smoke')[0]} test_smo_001`, undefined, undefined],
      ],
    );
  });
});
