#!/usr/bin/env node
// Runs the project's tests on node:test through tsx. Node 20 neither finds .ts test files nor expands globs,
// so the files are listed here; a run that executes no test fails instead of passing.
//
// Three groups (scripts/test-groups.json says which file is in which):
// - parallel, one process per core: every file that needs neither Docker nor the whole machine (the unlisted
//   files share one process per core, see sharedProcesses);
// - docker, beside the parallel group: the files that start testbeds of the `test` set (ESB_TESTBED_INSTANCE=
//   test: fixed ports and compose projects of their own, which two files must not share, and which no
//   developer's testbed uses). A profile's testbed is one file's at a time: the files that start both profiles
//   run first, alone; then a chain per profile, side by side (one after the other, they took five minutes);
// - machine, from the start, beside the others, all at once: the files that mostly wait on in-process stacks (the
//   fault pass sizes its own parallelism to the machine). The fault pass is the longest file (about 390 s) and
//   mostly waits: started after the docker files (as it once was), it ran alone at the end with a core idle, and
//   the whole run took 475 s instead of 437. The revision, golden and baseline stacks wait too: in the parallel
//   group they held a slot each for about a minute.
// The parallel group's report streams; the others' is printed when they end, so that reports do not interleave.
//
//   node scripts/run-tests.mjs [--unit] [node --test options…]
//
// --unit: only the files that need neither Docker nor an in-process stack, and spawn no CLI runs by the dozen
// (`npm run test:unit`, about 45 s on an idle 2-core machine).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { failuresFromTap, formatFailures } from './tap-failures.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const testDir = join(root, 'test');
const groupsFile = join(root, 'scripts', 'test-groups.json');
const { docker, machine, stack, slow } = JSON.parse(readFileSync(groupsFile, 'utf8'));
const ownProcess = { ...docker, ...machine };

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
for (const listed of [...Object.keys(ownProcess), ...Object.keys(stack), ...Object.keys(slow)]) {
  if (!files.includes(listed)) {
    console.error(
      `run-tests: ${relative(root, groupsFile)} names ${listed}, which is not a test file; remove it`,
    );
    process.exit(1);
  }
}

const cores = availableParallelism();
const unlisted = (f) => !(f in ownProcess) && !(f in stack) && !(f in slow);
const tapDir = mkdtempSync(join(tmpdir(), 'esb-e2e-tap-'));

/**
 * The unlisted files (neither Docker, nor a stack, nor slow) run in one process per core, each importing its
 * share of them, instead of one process per file (as node 22's --experimental-test-isolation=none would): every
 * process loaded the project's modules through tsx anew, over a CPU second each, more than most of those files'
 * tests take. A file that cannot be loaded fails one test named after it; the other files of its process run.
 */
function sharedProcesses(unitFiles) {
  const shares = Array.from({ length: Math.min(cores, unitFiles.length) }, () => []);
  for (const [i, file] of unitFiles.entries()) shares[i % shares.length].push(file);
  return shares.map((share, i) => {
    const entry = join(tapDir, `unit-files-${i + 1}.test.mjs`);
    const modules = share.map((file) => [pathToFileURL(join(root, file)).href, file]);
    writeFileSync(
      entry,
      `import { test } from 'node:test';\n` +
        `for (const [url, file] of ${JSON.stringify(modules, null, 2)}) {\n` +
        '  try {\n    await import(url);\n  } catch (error) {\n' +
        '    test(`${file} cannot be loaded`, () => {\n      throw error;\n    });\n  }\n}\n',
    );
    return entry;
  });
}

const unitFiles = files.filter(unlisted);
/**
 * The docker files that start the given testbeds, in file order; a file of the Docker engine alone (`none`)
 * first in its chain, so that the other chain's first testbed imports the base image meanwhile (two imports at
 * once would leave one behind as an untagged image).
 */
const dockerFiles = (...testbeds) =>
  files
    .filter((f) => f in docker && testbeds.includes(docker[f].testbeds))
    .sort((a, b) => Number(docker[b].testbeds === 'none') - Number(docker[a].testbeds === 'none'));
// Each group starts at once, or when every group it runs `after` has ended.
const groups = unitOnly
  ? [{ name: 'unit', concurrency: cores, files: sharedProcesses(unitFiles) }]
  : [
      {
        name: 'parallel',
        concurrency: cores,
        files: [...sharedProcesses(unitFiles), ...files.filter((f) => !(f in ownProcess) && !unlisted(f))],
      },
      { name: 'docker (both profiles)', concurrency: 1, files: dockerFiles('both') },
      {
        name: 'docker (e2e-docker)',
        concurrency: 1,
        files: dockerFiles('e2e-docker'),
        after: ['docker (both profiles)'],
      },
      {
        name: 'docker (e2e-containerd)',
        concurrency: 1,
        files: dockerFiles('none', 'e2e-containerd'),
        after: ['docker (both profiles)'],
      },
      {
        // Files that mostly wait on in-process stacks: all at once, beside everything, from the start.
        name: 'machine',
        concurrency: Math.max(1, files.filter((f) => f in machine).length),
        files: files.filter((f) => f in machine),
      },
    ];

let passed = 0;
const failedGroups = [];
/** Every group's failing tests, repeated at the very end (a CI log is often cut to its tail). */
const failures = [];

function runGroup(group, streamed) {
  const slug = group.name.replace(/[^a-z0-9]+/gi, '-');
  const tapFile = join(tapDir, `${slug}.tap`);
  const specFile = join(tapDir, `${slug}.spec`);
  const outFile = join(tapDir, `${slug}.out`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--enable-source-maps',
      '--test',
      `--test-concurrency=${group.concurrency}`,
      '--test-reporter=spec',
      `--test-reporter-destination=${streamed ? 'stdout' : specFile}`,
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...nodeOptions,
      ...group.files,
    ],
    {
      cwd: root,
      // Docker tests never touch the developer's testbeds (testbed/docker/testbed-instance.ts).
      env: { ...process.env, ESB_TESTBED_INSTANCE: 'test' },
      stdio: ['ignore', streamed ? 'inherit' : 'pipe', streamed ? 'inherit' : 'pipe'],
    },
  );
  if (!streamed) {
    const out = createWriteStream(outFile);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  return new Promise((resolve) => {
    child.once('close', (status) => {
      if (!streamed) {
        for (const file of [specFile, outFile]) {
          let text = '';
          try {
            text = readFileSync(file, 'utf8');
          } catch {
            // nothing written
          }
          if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        }
      }
      let tap = '';
      try {
        tap = readFileSync(tapFile, 'utf8');
      } catch {
        // the run died before reporting: counted as failed below
      }
      const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
      passed += count('pass');
      failures.push(...failuresFromTap(tap));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `run-tests: ${group.name} group (${group.files.length} files, ${group.concurrency} at a time): ` +
          `${count('pass')} passed, ${count('fail')} failed, ${seconds} s`,
      );
      if (status !== 0) failedGroups.push(group.name);
      resolve();
    });
  });
}

const runStarted = performance.now();
try {
  const ended = new Map();
  for (const [i, group] of groups.entries()) {
    const start = Promise.all((group.after ?? []).map((name) => ended.get(name)));
    ended.set(
      group.name,
      start.then(() => (group.files.length > 0 ? runGroup(group, i === 0) : undefined)),
    );
  }
  await Promise.all(ended.values());
} finally {
  rmSync(tapDir, { recursive: true, force: true });
}
console.log(`run-tests: ${((performance.now() - runStarted) / 1000).toFixed(1)} s in all`);
if (failedGroups.length > 0) {
  if (failures.length > 0)
    console.error(`run-tests: ${failures.length} failing test(s):\n${formatFailures(failures, root)}`);
  console.error(`run-tests: the ${failedGroups.join(' and ')} group failed`);
  process.exit(1);
}
if (passed === 0) {
  console.error('run-tests: no test was executed; a run that tests nothing fails');
  process.exit(1);
}
