/**
 * Where the test suite's CPU goes: runs each test file alone under `node --test` (as run-tests.mjs would, through
 * tsx) and prints its CPU seconds (user + sys of the file's process tree, from /usr/bin/time) and wall seconds,
 * largest first, with the group scripts/test-groups.json puts it in. The CPU figures are what the groups file's
 * comments quote; they decide what `npm test` can reach on a 2-core machine.
 *
 *   node --import tsx bench/test-file-cpu.ts [--jobs 2] [--docker] [--match <substring>]
 *
 * Files of the docker and machine groups are left out unless --docker is given (they start testbeds: run them
 * only when no other Docker test runs). --jobs runs that many files at once: CPU seconds stay comparable, wall
 * seconds do not.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../testbed/docker/testbed-paths.ts';
import { intArg } from './cpu-load.ts';

const JOBS = intArg('--jobs', 2);
const WITH_DOCKER = process.argv.includes('--docker');
const matchAt = process.argv.indexOf('--match');
const MATCH = matchAt > 0 ? (process.argv[matchAt + 1] ?? '') : '';

type Groups = Record<'docker' | 'machine' | 'stack' | 'slow', Record<string, unknown>>;
const groups = JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'test-groups.json'), 'utf8')) as Groups;
const groupOf = (file: string): string =>
  (['docker', 'machine', 'stack', 'slow'] as const).find((g) => file in groups[g]) ?? 'unit';

const files = readdirSync(join(REPO_ROOT, 'test'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
  .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)))
  .filter((f) => WITH_DOCKER || !['docker', 'machine'].includes(groupOf(f)))
  .filter((f) => f.includes(MATCH))
  .sort();

interface FileCost {
  readonly file: string;
  readonly cpu: number;
  readonly wall: number;
  readonly ok: boolean;
}

function measure(file: string): Promise<FileCost> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%U %S %e', process.execPath, '--import', 'tsx', '--test', '--test-reporter=dot', file],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ESB_TESTBED_INSTANCE: 'test' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const last = stderr.trimEnd().split('\n').at(-1) ?? '';
      const [user, sys, wall] = last.split(' ').map(Number);
      if (user === undefined || sys === undefined || wall === undefined || Number.isNaN(wall))
        return reject(new Error(`${file}: no timing from /usr/bin/time (${last})`));
      resolve({ file, cpu: user + sys, wall, ok: code === 0 });
    });
  });
}

const costs: FileCost[] = [];
const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(JOBS, queue.length) }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const cost = await measure(file);
      costs.push(cost);
      process.stderr.write(`${cost.cpu.toFixed(1).padStart(6)} CPU s  ${file}\n`);
    }
  }),
);
costs.sort((a, b) => b.cpu - a.cpu);
const total = costs.reduce((sum, c) => sum + c.cpu, 0);
console.log(`${files.length} files, ${JOBS} at a time: ${total.toFixed(0)} CPU s in all`);
console.log('   CPU s   wall s  group    file');
for (const c of costs)
  console.log(
    `${c.cpu.toFixed(1).padStart(8)} ${c.wall.toFixed(1).padStart(8)}  ${groupOf(c.file).padEnd(7)}  ${c.file}${c.ok ? '' : '  (failed)'}`,
  );
for (const group of ['unit', 'slow', 'stack', 'docker', 'machine']) {
  const inGroup = costs.filter((c) => groupOf(c.file) === group);
  if (inGroup.length > 0)
    console.log(
      `${group}: ${inGroup.length} files, ${inGroup.reduce((s, c) => s + c.cpu, 0).toFixed(0)} CPU s`,
    );
}
