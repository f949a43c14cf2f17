import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runScratchDir } from '../../runner/node/run-scratch.ts';

describe('the scratch folder where the processes of a node --test run meet', () => {
  it('drops entries older than a day on first use, and keeps the rest', () => {
    const kind = `test-${randomBytes(6).toString('hex')}`;
    const dir = join(tmpdir(), 'esb-e2e-runs', kind);
    try {
      mkdirSync(join(dir, 'old-run'), { recursive: true });
      writeFileSync(join(dir, 'old-marker'), 'e2e/smoke.test.ts');
      writeFileSync(join(dir, 'fresh-marker'), 'e2e/smoke.test.ts');
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
      utimesSync(join(dir, 'old-run'), twoDaysAgo, twoDaysAgo);
      utimesSync(join(dir, 'old-marker'), twoDaysAgo, twoDaysAgo);
      assert.equal(runScratchDir(kind), dir);
      assert.equal(existsSync(join(dir, 'old-run')), false);
      assert.equal(existsSync(join(dir, 'old-marker')), false);
      assert.equal(existsSync(join(dir, 'fresh-marker')), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
