#!/usr/bin/env node
// Runs the project's tests on node:test through tsx. Node 20 neither finds .ts test files nor expands globs,
// so the files are listed here; a run that executes no test fails instead of passing.
//
// Two groups, one after the other (scripts/test-groups.json says which file is in which):
// - side by side, one file per core: every file that needs neither Docker nor the whole machine;
// - one at a time: the files that start Docker testbeds of the fixed profiles (fixed ports, one compose
//   project each, which must not overlap) or size their own parallelism to the machine's cores.
//
//   node scripts/run-tests.mjs [--unit] [node --test options…]
//
// --unit: only the files that need neither Docker nor an in-process stack, and spawn no CLI runs by the dozen
// (`npm run test:unit`, about a minute on an idle 2-core machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const testDir = join(root, 'test');
const groupsFile = join(root, 'scripts', 'test-groups.json');
const { serial, stack, slow } = JSON.parse(readFileSync(groupsFile, 'utf8'));

const unitOnly = process.argv.includes('--unit');
const nodeOptions = process.argv.slice(2).filter((a) => a !== '--unit');

const files = readdirSync(testDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => relative(root, join(e.parentPath, e.name)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files (test/**/*.test.ts) found');
  process.exit(1);
}
// A listed file that no longer exists would silently leave its group smaller: say so instead.
for (const listed of [...Object.keys(serial), ...Object.keys(stack), ...Object.keys(slow)]) {
  if (!files.includes(listed)) {
    console.error(
      `run-tests: ${relative(root, groupsFile)} names ${listed}, which is not a test file; remove it`,
    );
    process.exit(1);
  }
}

const cores = availableParallelism();
const groups = unitOnly
  ? [
      {
        name: 'unit',
        concurrency: cores,
        files: files.filter((f) => !(f in serial) && !(f in stack) && !(f in slow)),
      },
    ]
  : [
      { name: 'parallel', concurrency: cores, files: files.filter((f) => !(f in serial)) },
      { name: 'serial', concurrency: 1, files: files.filter((f) => f in serial) },
    ];

const tapDir = mkdtempSync(join(tmpdir(), 'esb-e2e-tap-'));
let passed = 0;
const failedGroups = [];
try {
  for (const group of groups) {
    if (group.files.length === 0) continue;
    const tapFile = join(tapDir, `${group.name}.tap`);
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--enable-source-maps',
        '--test',
        `--test-concurrency=${group.concurrency}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tapFile}`,
        ...nodeOptions,
        ...group.files,
      ],
      { cwd: root, stdio: 'inherit' },
    );
    const tap = readFileSync(tapFile, 'utf8');
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
    passed += count('pass');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `run-tests: ${group.name} group (${group.files.length} files, ${group.concurrency} at a time): ` +
        `${count('pass')} passed, ${count('fail')} failed, ${seconds} s`,
    );
    if (result.status !== 0) failedGroups.push(group.name);
  }
} finally {
  rmSync(tapDir, { recursive: true, force: true });
}
if (failedGroups.length > 0) {
  console.error(`run-tests: the ${failedGroups.join(' and ')} group failed`);
  process.exit(1);
}
if (passed === 0) {
  console.error('run-tests: no test was executed; a run that tests nothing fails');
  process.exit(1);
}
