/**
 * esb-e2e against Step CI, side by side on the same loopback JSON server (issue 12): for each size, a generated
 * catalogue of N cases and the equivalent Step CI workflow, each test one POST checked for its status and three
 * JSONPath values (`fixture: none`, `esb-e2e run --target external`); several runs each, medians, ratios.
 * Wall and CPU (user + system of the whole process tree) come from GNU time; peak memory is the most the
 * process tree held at once (RSS summed over its processes, sampled every 50 ms). Beside them, the node:test
 * floor: the same tests as a plain node:test file, the least any runner that runs its cases on node:test takes.
 *
 * Then where esb-e2e's time went at each size (ESB_E2E_TIME_SPLIT: start-up, catalogue, plan, preparation, cases,
 * reporting; medians), and the commands an author waits on: `esb-e2e --help`, `esb-e2e list` of this repository's
 * catalogue, and `esb-e2e list --json` of the largest generated catalogue (its first run loads the YAML, the
 * others read the catalogue cache).
 *
 *   npm run bench [-- --cases 1,1000,10000] [--runs 3]
 *
 * Step CI (@stepci/runner, its CLI's library) is installed into bench/stepci/ on first use: a dependency of
 * this benchmark only.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../testbed/docker/testbed-paths.ts';
import { intArg } from './cpu-load.ts';

const STEPCI_DIR = join(REPO_ROOT, 'bench', 'stepci');
const GNU_TIME = '/usr/bin/time';
const RUNS = intArg('--runs', 3);
const SIZES = (() => {
  const at = process.argv.indexOf('--cases');
  const text = at < 0 ? '1,1000,10000' : (process.argv[at + 1] ?? '');
  const sizes = text.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 26 * 26 * 999))
    throw new Error(`--cases takes a comma list of case counts from 1 to ${26 * 26 * 999}`);
  return sizes;
})();

/** The echo server, as a program of its own: `{success, message: "Echo: <message>", user}` for any request. */
const ECHO_SERVER = `
const { createServer } = require('node:http');
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let message = '';
    try {
      message = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).message);
    } catch {
      // Not JSON: the answer's message shows it.
    }
    const body = JSON.stringify({ success: true, message: 'Echo: ' + message, user: 'bench' });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/**
 * Starts the echo server in a process of its own: the benchmark's own work (sampling every process's memory)
 * then never delays an answer, which would slow whichever tool waits on it more.
 */
async function startEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(Number(text.trim()));
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PER_FILE = 999;

/** An esb-e2e project of `count` cases, one file per 999 (IDs B<two letters>-<3 digits>). */
function writeProject(root: string, count: number): void {
  for (const dir of ['catalog/bench', 'environments', 'e2e']) mkdirSync(join(root, dir), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'schema'), join(root, 'schema'));
  // esb-e2e installed as another repository's dependency (a link, as npm would resolve a local one).
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO_ROOT, join(root, 'node_modules', 'esb-e2e'));
  writeFileSync(
    join(root, 'catalog/categories.yaml'),
    '# yaml-language-server: $schema=../schema/categories.schema.json\ncategories:\n  - name: bench\n    description: generated\n',
  );
  for (let file = 0; file * PER_FILE < count; file++) {
    const lines = ['# yaml-language-server: $schema=../../schema/catalog-file.schema.json', 'cases:'];
    for (let i = 0; i < Math.min(PER_FILE, count - file * PER_FILE); i++) {
      const id = `B${LETTERS[Math.floor(file / 26)]}${LETTERS[file % 26]}-${String(i + 1).padStart(3, '0')}`;
      lines.push(
        `  - test: test_case_${file}_${i}`,
        `    id: ${id}`,
        `    anchor: desc-bench-${file}-${i}`,
        '    category: bench',
        '    doc: { guarantee: g, input: i, pass_criteria: p, failure_hint: h }',
        '    fixture: none',
        '    steps:',
        `      - request: { path: /api/echo, json: { message: m${i} } }`,
        '        expect:',
        '          status: 200',
        '          assert:',
        '            - { path: $.success, equals: true }',
        `            - { path: $.message, equals: "Echo: m${i}" }`,
        '            - { path: $.user, exists: true }',
      );
    }
    writeFileSync(join(root, `catalog/bench/test_bench_${file}.yaml`), `${lines.join('\n')}\n`);
  }
  writeFileSync(
    join(root, 'environments/test_matrix.yaml'),
    '# yaml-language-server: $schema=../schema/test-matrix.schema.json\nsuites:\n  bench:\n    targets: [../catalog/bench/]\nenvironments:\n  e2e-docker:\n    suites: [bench]\n',
  );
  writeFileSync(
    join(root, 'e2e/bench.test.ts'),
    "import { registerScenario } from 'esb-e2e';\n\nregisterScenario('bench');\n",
  );
}

/** The same tests as a Step CI workflow: one test per case, one step, the same three checks. */
function writeWorkflow(path: string, count: number, url: string): void {
  const tests: Record<string, unknown> = {};
  for (let n = 0; n < count; n++) {
    const i = n % PER_FILE;
    tests[`case_${n}`] = {
      steps: [
        {
          http: {
            url: `${url}/api/echo`,
            method: 'POST',
            json: { message: `m${i}` },
            check: {
              status: 200,
              jsonpath: { '$.success': true, '$.message': `Echo: m${i}`, '$.user': 'bench' },
            },
          },
        },
      ],
    };
  }
  writeFileSync(path, JSON.stringify({ version: '1.1', name: 'bench', tests }));
}

/**
 * The floor under any runner built on node:test, as esb-e2e is: a plain node:test file of the same tests (one
 * POST on a keep-alive undici agent, the JSON parsed, the same three checks; four at once, as esb-e2e's default),
 * with no catalogue, plan, locks, slots or reports. What esb-e2e adds on top of it is the runner's own cost.
 */
function writeFloor(path: string, count: number, url: string): void {
  const undici = pathToFileURL(join(REPO_ROOT, 'node_modules', 'undici', 'index.js')).href;
  writeFileSync(
    path,
    `import { describe, it } from 'node:test';
import { Agent, request } from ${JSON.stringify(undici)};
const agent = new Agent({ keepAliveTimeout: 1000 });
describe('bench', { concurrency: 4 }, () => {
  for (let n = 0; n < ${count}; n++) {
    const i = n % ${PER_FILE};
    it('case ' + n, async () => {
      const response = await request(${JSON.stringify(`${url}/api/echo`)}, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'm' + i }),
      });
      const body = await response.body.json();
      if (response.statusCode !== 200 || body.success !== true || body.message !== 'Echo: m' + i || body.user === undefined)
        throw new Error('unexpected answer: ' + JSON.stringify(body));
    });
  }
});
`,
  );
}

interface Measure {
  readonly wall: number;
  readonly cpu: number;
  readonly peakMiB: number;
  readonly ok: boolean;
  readonly tail: string;
  /** esb-e2e's own split of its wall time (ESB_E2E_TIME_SPLIT), in seconds by part. */
  readonly split?: Readonly<Record<string, number>>;
}

const SPLIT_PARTS = ['start-up', 'catalogue', 'plan', 'preparation', 'cases', 'reporting'] as const;

/** The parts of `esb-e2e run: time: start-up 0.12 s, catalogue 0.03 s, …` in an output. */
function splitOf(output: string): Record<string, number> | undefined {
  const line = /^esb-e2e run: time: (.*)$/m.exec(output)?.[1];
  if (line === undefined) return undefined;
  const parts: Record<string, number> = {};
  for (const [, name, seconds] of line.matchAll(/([a-z-]+) ([\d.]+) s/g)) parts[name ?? ''] = Number(seconds);
  return parts;
}

/** The size of a memory page, in KiB: 4 on x86-64 Linux, where the benchmark runs. */
const PAGE_KIB = 4;

/**
 * The RSS of a process and all its descendants, in KiB, from /proc/<pid>/stat alone (parent and resident pages
 * in one read per process): the sampler shares the machine with what it measures, so it reads as little as it can.
 */
function treeRssKiB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command name in parentheses: state, ppid, … and, 22 fields on, rss in pages.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, Number(fields[21] ?? 0) * PAGE_KIB);
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs a command under GNU time, sampling the tree's memory; `ok` when it exited 0. */
function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(GNU_TIME, ['-f', '@@time %e %U %S', command, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      errors = (errors + chunk.toString('utf8')).slice(-4000);
    });
    let peak = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRssKiB(child.pid));
    }, 50);
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(sampler);
      const times = /@@time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(output);
      if (times === null) return reject(new Error(`no timing from ${command}: ${output.slice(-500)}`));
      const split = splitOf(errors);
      resolve({
        wall: Number(times[1]),
        cpu: Number(times[2]) + Number(times[3]),
        peakMiB: peak / 1024,
        ok: code === 0,
        ...(split === undefined ? {} : { split }),
        tail: output
          .replace(/@@time .*\n?/, '')
          .trim()
          .split('\n')
          .slice(-2)
          .join(' | '),
      });
    });
  });
}

/** Wall seconds of `esb-e2e <args>`, `runs` times (each must exit 0). */
async function commandTimes(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<number[]> {
  const walls: number[] = [];
  for (let run = 0; run < runs; run++) {
    const m = await measure(process.execPath, [join(REPO_ROOT, 'bin', 'esb-e2e.mjs'), ...args], env);
    if (!m.ok) throw new Error(`esb-e2e ${args.join(' ')} failed: ${m.tail}`);
    walls.push(m.wall);
  }
  return walls;
}

/** A table with a header row, columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${line(header)}\n${rows.map(line).join('\n')}\n`;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

function ensureStepCi(): void {
  if (existsSync(join(STEPCI_DIR, 'node_modules', '@stepci', 'runner'))) return;
  process.stderr.write('installing @stepci/runner into bench/stepci/ (once)\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', STEPCI_DIR], { stdio: 'inherit' });
}

async function main(): Promise<void> {
  if (!existsSync(GNU_TIME))
    throw new Error(`${GNU_TIME} is missing: install Debian's time package (apt-get install time)`);
  ensureStepCi();
  const server = await startEchoServer();
  const scratch = mkdtempSync(join(tmpdir(), 'esb-e2e-bench-'));
  const rows: string[][] = [];
  const splitRows: string[][] = [];
  const startRows: string[][] = [];
  try {
    for (const count of SIZES) {
      const project = join(scratch, `project-${count}`);
      writeProject(project, count);
      const workflow = join(scratch, `workflow-${count}.json`);
      writeWorkflow(workflow, count, server.url);
      const floorFile = join(scratch, `floor-${count}.test.mjs`);
      writeFloor(floorFile, count, server.url);
      const env = {
        ...process.env,
        ESB_E2E_ROOT: project,
        ESB_E2E_TIME_SPLIT: '1',
        GATEWAY_URL: server.url,
        X_API_KEY: 'bench-api-key',
        AUTH_USER: 'bench',
        AUTH_PASS: 'bench-password',
        NO_COLOR: '1',
      };
      // The largest catalogue's first listing, before anything read it: it loads the YAML (later ones read the
      // catalogue cache).
      const coldListing =
        count === Math.max(...SIZES) ? (await commandTimes(['list', '--json'], env, 1))[0] : undefined;
      const ours: Measure[] = [];
      const theirs: Measure[] = [];
      const floor: Measure[] = [];
      for (let run = 0; run < RUNS; run++) {
        const esb = await measure(
          process.execPath,
          [join(REPO_ROOT, 'bin', 'esb-e2e.mjs'), 'run', '--target', 'external', '--env', 'e2e-docker'],
          env,
        );
        const step = await measure(process.execPath, [join(STEPCI_DIR, 'run-workflow.mjs'), workflow], env);
        const bare = await measure(process.execPath, ['--test-reporter=dot', floorFile], env);
        for (const [name, m] of [
          ['esb-e2e', esb],
          ['Step CI', step],
          ['the node:test floor', bare],
        ] as const)
          if (!m.ok) throw new Error(`${name} failed at ${count} cases: ${m.tail}`);
        ours.push(esb);
        theirs.push(step);
        floor.push(bare);
        process.stderr.write(
          `${count} cases, run ${run + 1}/${RUNS}: esb-e2e ${esb.wall.toFixed(2)} s, Step CI ${step.wall.toFixed(2)} s, node:test floor ${bare.wall.toFixed(2)} s\n`,
        );
      }
      const m = (list: Measure[], key: keyof Pick<Measure, 'wall' | 'cpu' | 'peakMiB'>) =>
        median(list.map((x) => x[key]));
      rows.push([
        count.toLocaleString('en'),
        `${m(ours, 'wall').toFixed(2)} s`,
        `${m(theirs, 'wall').toFixed(2)} s`,
        `${(m(ours, 'wall') / m(theirs, 'wall')).toFixed(2)}x`,
        `${m(ours, 'cpu').toFixed(1)} s`,
        `${m(theirs, 'cpu').toFixed(1)} s`,
        `${m(ours, 'peakMiB').toFixed(0)} MiB`,
        `${m(theirs, 'peakMiB').toFixed(0)} MiB`,
        `${m(floor, 'wall').toFixed(2)} s`,
        `${(m(floor, 'wall') / m(theirs, 'wall')).toFixed(2)}x`,
      ]);
      splitRows.push([
        count.toLocaleString('en'),
        ...SPLIT_PARTS.map(
          (part) => `${median(ours.map((x) => x.split?.[part] ?? Number.NaN)).toFixed(2)} s`,
        ),
      ]);
      if (coldListing !== undefined) {
        const warm = await commandTimes(['list', '--json'], env, RUNS);
        startRows.push([
          `list --json (${count.toLocaleString('en')} cases)`,
          `${median(warm).toFixed(2)} s`,
          '1.5 s',
          `${coldListing.toFixed(2)} s`,
        ]);
      }
    }
    const repoEnv = { ...process.env, NO_COLOR: '1' };
    for (const [name, args, target] of [
      ['--help', ['--help'], '0.25 s'],
      ['list (this repository, 53 cases)', ['list'], '0.5 s'],
    ] as const) {
      const [first, ...rest] = await commandTimes(args, repoEnv, RUNS + 1);
      startRows.unshift([
        name,
        `${median(rest).toFixed(2)} s`,
        target,
        `${(first ?? Number.NaN).toFixed(2)} s`,
      ]);
    }
  } finally {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const header = [
    'cases',
    'esb-e2e wall',
    'Step CI wall',
    'ratio',
    'esb-e2e CPU',
    'Step CI CPU',
    'esb-e2e peak',
    'Step CI peak',
    'node:test floor',
    'floor ratio',
  ];
  process.stdout.write(
    `medians of ${RUNS} run(s) each; ratio = esb-e2e wall / Step CI wall (issue 12 asks for at most 0.5x, and at most 400 MiB at 10,000 cases); node:test floor = the same tests in a plain node:test file, the least a runner on node:test can take\n${table(header, rows)}`,
  );
  process.stdout.write(
    `\nwhere esb-e2e's wall time went (ESB_E2E_TIME_SPLIT, medians)\n${table(['cases', ...SPLIT_PARTS], splitRows)}`,
  );
  process.stdout.write(
    `\ncommands an author waits on (median of ${RUNS}; first run: the CLI or catalogue not yet cached)\n${table(['command', 'wall', 'target', 'first run'], startRows)}`,
  );
}

await main();
