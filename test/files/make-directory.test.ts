import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { reportFileProblem } from '../../runner/cli/report-files.ts';
import { makeDirectory } from '../../runner/files/make-directory.ts';
import { REPORT_FORMATS, type ReportFormat } from '../../runner/report/report-formats.ts';

const noProc = existsSync('/proc/self') ? false : 'no /proc on this system';

describe('makeDirectory (runner/files/make-directory.ts)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'esb-mkdir-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates every missing level, and accepts a folder that exists', () => {
    const deep = join(scratch, 'a', 'b', 'c');
    makeDirectory(deep);
    assert.ok(statSync(deep).isDirectory());
    makeDirectory(deep);
    makeDirectory(scratch);
  });

  it('refuses a path through a file with ENOTDIR', () => {
    const file = join(scratch, 'plain-file');
    writeFileSync(file, '');
    assert.throws(() => makeDirectory(join(file, 'sub')), { code: 'ENOTDIR' });
  });

  it('returns with an error under /proc, where Node’s recursive mkdir spins forever', {
    skip: noProc,
  }, () => {
    const began = Date.now();
    assert.throws(() => makeDirectory('/proc/esb-e2e-no-such/folder'), { code: 'ENOENT' });
    assert.ok(Date.now() - began < 5_000);
  });

  it('lets --junit under /proc fail the run before it starts, with a line naming the folder', {
    skip: noProc,
  }, () => {
    const problem = reportFileProblem({
      option: '--junit',
      path: '/proc/esb-e2e-no-such/junit.xml',
      format: REPORT_FORMATS[0] as ReportFormat,
    });
    assert.match(
      problem ?? '',
      /^--junit \/proc\/esb-e2e-no-such\/junit\.xml: its folder \/proc\/esb-e2e-no-such cannot be created \(ENOENT\); choose another path$/,
    );
  });
});
