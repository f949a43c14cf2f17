#!/usr/bin/env node
// Runs the project's tests on node:test through tsx. Node 20 neither finds .ts test files nor expands globs,
// so the files are listed here; a run that executes no test fails instead of passing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const testDir = join(root, 'test');
const files = readdirSync(testDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => relative(root, join(e.parentPath, e.name)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files (test/**/*.test.ts) found');
  process.exit(1);
}
const tapDir = mkdtempSync(join(tmpdir(), 'esb-e2e-tap-'));
const tapFile = join(tapDir, 'report.tap');
const args = [
  '--import',
  'tsx',
  '--enable-source-maps',
  '--test',
  // One file at a time: several files start Docker testbeds of the same profile (fixed ports, one compose
  // project each), which must not overlap; node's default would run files side by side on a larger machine.
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...process.argv.slice(2),
  ...files,
];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
const tap = readFileSync(tapFile, 'utf8');
rmSync(tapDir, { recursive: true, force: true });
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
if (result.status === 0 && count('pass') === 0) {
  console.error('run-tests: no test was executed; a run that tests nothing fails');
  process.exit(1);
}
process.exit(result.status ?? 1);
