import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { docsCommand } from '../../docsgen/docs-command.ts';
import { testbedCommand } from '../../testbed/cli/testbed-command.ts';
import { runBounded } from '../helpers/bounded-runs.ts';
import { type ChildResult, cleanEnv, runCli, runNode } from '../helpers/child-run.ts';
import { esbE2eInProcess, runInProcess } from '../helpers/in-process-cli.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

/**
 * Every command of the project (esb-e2e, npm run docs, npm run testbed) for help, version, usage errors and bad
 * project roots: the exit code, the line that names the problem and its fix, and never a stack trace. None of
 * these reaches Docker or starts a case. Each command runs in this process, with its own output buffers and
 * environment (runner/config/command-io.ts), as its program runs it; one probe per program also runs the
 * program itself as a child, so that the programs' wiring (tsx, the last-resort guard, the exit code) is
 * proven too.
 */

const scratch = mkdtempSync(join(tmpdir(), 'esb-e2e-commands-'));
const aFile = join(scratch, 'a-file');
writeFileSync(aFile, 'not a folder\n');
const emptyFolder = mkdtempSync(join(scratch, 'empty-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

type Program = 'esb-e2e' | 'docs' | 'testbed';

interface Probe {
  readonly program: Program;
  readonly args: readonly string[];
  /** Variables added to a clean environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run as the program's own child process instead of in this process. */
  readonly child?: boolean;
}

/** Each program's command, run in this process: the same functions as bin/esb-e2e.mjs and the npm scripts. */
function inProcess({ program, args, env = {} }: Probe): Promise<ChildResult> {
  if (program === 'esb-e2e') return esbE2eInProcess(args, env);
  return runInProcess(program === 'docs' ? docsCommand : testbedCommand, args, env);
}

function start(p: Probe): Promise<ChildResult> {
  if (p.child !== true) return inProcess(p);
  const environment = { ...cleanEnv(), ...p.env };
  if (p.program === 'esb-e2e') return runCli(p.args, environment);
  // As the npm scripts start them (package.json).
  const command =
    p.program === 'docs'
      ? ['--import', 'tsx', join(REPO_ROOT, 'generate-docs.ts')]
      : [join(REPO_ROOT, 'bin', 'testbed.mjs')];
  return runNode([...command, ...p.args], environment);
}

const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at \S+:\d+:\d+$/m;

function assertNoStackTrace(result: ChildResult, what: string): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    assert.doesNotMatch(text, STACK_FRAME, `${what}: a stack frame on ${stream}:\n${text}`);
    assert.ok(!text.includes('node:internal'), `${what}: node:internal on ${stream}:\n${text}`);
  }
}

function describeProbe(probe: Probe): string {
  const env = Object.entries(probe.env ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)} `);
  const how = probe.child === true ? ' (as a child process)' : '';
  return `${env.join('')}${probe.program} ${probe.args.join(' ')}`.trim() + how;
}

/** Every probe of this file starts at once (a few at a time); each test awaits its own. */
const probes: Probe[] = [];
function probe(program: Program, args: readonly string[], env?: Record<string, string>): Probe {
  const p: Probe = env === undefined ? { program, args } : { program, args, env };
  probes.push(p);
  return p;
}

/** A probe of the program itself: a real child process, as a user runs it. */
function childProbe(program: Program, args: readonly string[], env?: Record<string, string>): Probe {
  const p: Probe = { program, args, child: true, ...(env === undefined ? {} : { env }) };
  probes.push(p);
  return p;
}

/** The child's result, checked for stack traces. */
async function resultOf(p: Probe): Promise<ChildResult> {
  const result = await (results.get(p) ?? assert.fail(`not started: ${describeProbe(p)}`));
  assertNoStackTrace(result, describeProbe(p));
  return result;
}

/** Exit 0 and a usage text on stdout that starts as given. */
async function assertHelp(p: Probe, firstLine: RegExp): Promise<void> {
  const result = await resultOf(p);
  assert.equal(result.status, 0, `${describeProbe(p)}: ${result.stderr}`);
  assert.match(result.stdout.split('\n')[0] ?? '', firstLine, describeProbe(p));
  assert.equal(result.stderr, '', describeProbe(p));
}

/** Exit 2, nothing on stdout, `line` first on stderr, then (for a usage error) the synopsis and where help is. */
async function assertRefused(p: Probe, line: RegExp, synopsis?: RegExp): Promise<void> {
  const result = await resultOf(p);
  const what = `${describeProbe(p)}:\n${result.stderr}`;
  assert.equal(result.status, 2, what);
  assert.equal(result.stdout, '', what);
  const lines = result.stderr.trimEnd().split('\n');
  assert.match(lines[0] ?? '', line, what);
  if (synopsis === undefined) assert.equal(lines.length, 1, what);
  else {
    assert.equal(lines.length, 2, what);
    assert.match(lines[1] ?? '', synopsis, what);
    assert.match(lines[1] ?? '', /; see: .+ --help$/, what);
  }
}

const CLI_USAGE = /^usage: esb-e2e <command> \[options\]/;
const LIST_SYNOPSIS =
  /^usage: esb-e2e list \[--esb REV\] \[--env E\]\.\.\. \[--suite S\]\.\.\. \[--id ID\]\.\.\. \[--grep TEXT\] \[--json\]/;
const RUN_SYNOPSIS = /^usage: esb-e2e run /;
const DOCS_SYNOPSIS = /^usage: npm run docs -- \[--check\] \[--esb REV\] \[--root DIR\]/;
const TESTBED_USAGE = /^usage: npm run testbed -- <command> \[options\]/;

const cli = {
  bare: childProbe('esb-e2e', []),
  help: [['--help'], ['-h'], ['help']].map((args) => probe('esb-e2e', args)),
  commandHelp: [
    [['list', '--help'], /^usage: esb-e2e list /],
    [['help', 'list'], /^usage: esb-e2e list /],
    [['run', '-h'], RUN_SYNOPSIS],
    [['version', '--help'], /^usage: esb-e2e version/],
  ].map(([args, line]) => [probe('esb-e2e', args as string[]), line as RegExp] as const),
  version: [['--version'], ['-V'], ['version']].map((args) => probe('esb-e2e', args)),
  notCommands: ['toString', 'constructor', '__proto__'].map(
    (name) => [name, probe('esb-e2e', [name])] as const,
  ),
  typo: probe('esb-e2e', ['lst']),
  helpOfNothing: probe('esb-e2e', ['help', 'nope']),
};

const list = {
  commaSuites: probe('esb-e2e', ['list', '--json', '--suite', 'smoke,restart']),
  repeatedSuites: probe('esb-e2e', ['list', '--json', '--suite', 'smoke', '--suite', 'restart']),
  ids: probe('esb-e2e', ['list', '--json', '--id', 'SMK-001,RST-001']),
  grep: probe('esb-e2e', ['list', '--json', '--grep', 'GATEWAY']),
  refused: [
    [
      ['--bogus'],
      /^esb-e2e list: Unknown option '--bogus'; the options are --esb, --env, --suite, --id, --grep, --json$/,
    ],
    [['--evn', 'x'], /^esb-e2e list: Unknown option '--evn'; did you mean '--env'\?$/],
    [['--env'], /^esb-e2e list: Option '--env <value>' argument missing$/],
    [['json'], /^esb-e2e list: Unexpected argument 'json': .*; did you mean '--json'\?$/],
    [['--json=yes'], /^esb-e2e list: Option '--json' does not take an argument$/],
  ].map(([args, line]) => [probe('esb-e2e', ['list', ...(args as string[])]), line as RegExp] as const),
  unknownNames: [
    [
      ['--env', 'e2e-docker,e2e-dockr'],
      /^esb-e2e list: unknown environment 'e2e-dockr'; the matrix defines: /,
    ],
    [['--id', 'NOPE-1'], /^esb-e2e list: unknown case ID 'NOPE-1'/],
  ].map(([args, line]) => [probe('esb-e2e', ['list', ...(args as string[])]), line as RegExp] as const),
};

const run = {
  refused: [
    [['--profile', 'x'], /^esb-e2e run: Unknown option '--profile'; the options are --esb, --env, /],
    [['--concurrency', '0'], /^esb-e2e run: --concurrency=0 is not a positive whole number; use e\.g\. 4$/],
    [
      ['--concurrency', '-1'],
      /^esb-e2e run: --concurrency needs a value; for a value that starts with '-', write --concurrency=<value>$/,
    ],
    [['--shard', '0/0'], /^esb-e2e run: invalid shard '0\/0': write i\/n with 1 <= i <= n/],
    [
      ['--timeout', '0'],
      /^esb-e2e run: --timeout=0 is not a number of seconds above 0 and at most 604800; use e\.g\. --timeout 1800$/,
    ],
    [['--timeout', '1e9'], /^esb-e2e run: --timeout=1e9 is not a number of seconds above 0 /],
  ].map(([args, line]) => [probe('esb-e2e', ['run', ...(args as string[])]), line as RegExp] as const),
  // Checked before Docker or any case: a run is not wasted on a report it cannot write at its end.
  stopped: [
    [['--id', 'NOPE-1'], /^esb-e2e run: unknown case ID 'NOPE-1'/],
    [
      ['--junit', scratch],
      /^esb-e2e run: --junit .+ is a folder; give a file path, e\.g\. --junit .+\/report$/,
    ],
    [
      ['--junit', join(scratch, 'report'), '--json', join(scratch, 'report')],
      /^esb-e2e run: --junit and --json both name .+\/report; give each its own file$/,
    ],
    [
      ['--json', join(aFile, 'run.json')],
      /^esb-e2e run: --json .+ cannot be written \(ENOTDIR\); choose another path$/,
    ],
  ].map(([args, line]) => [probe('esb-e2e', ['run', ...(args as string[])]), line as RegExp] as const),
};

/** ESB_E2E_ROOT values that name no folder, and what the line says about each. */
const BAD_ROOTS: readonly (readonly [string, RegExp])[] = [
  ['/nonexistent-esb-e2e-root', /ESB_E2E_ROOT=\/nonexistent-esb-e2e-root does not exist; /],
  [aFile, /ESB_E2E_ROOT=\S+\/a-file is a file, not a folder; /],
  [
    'no-such-relative-folder',
    /ESB_E2E_ROOT=no-such-relative-folder \(\/\S+\/no-such-relative-folder\) does not exist; /,
  ],
  ['', /ESB_E2E_ROOT is empty; /],
];
const ROOT_FIX =
  /set it to a project folder \(one with catalog\/ and environments\/\), or unset ESB_E2E_ROOT to use the one found from the current folder \(\/\S+\)$/;

/** Every bad root with list; one with run and docs (they share the check). */
const roots = BAD_ROOTS.flatMap(([root, line], i) =>
  (
    [
      ['esb-e2e', ['list'], 'esb-e2e list'],
      ...(i === 0
        ? ([
            ['esb-e2e', ['run', '--env', 'e2e-docker'], 'esb-e2e run'],
            ['docs', ['--check'], 'generate-docs'],
          ] as const)
        : []),
    ] as const
  ).map(([program, args, prefix]) => [probe(program, args, { ESB_E2E_ROOT: root }), prefix, line] as const),
);
const rootless = {
  help: probe('esb-e2e', ['help'], { ESB_E2E_ROOT: '/nonexistent-esb-e2e-root' }),
  emptyList: probe('esb-e2e', ['list'], { ESB_E2E_ROOT: emptyFolder }),
  emptyDocs: probe('docs', ['--check'], { ESB_E2E_ROOT: emptyFolder }),
};

const docs = {
  help: [['--help']].map((args) => probe('docs', args)),
  refused: [
    [['--bogus'], /^generate-docs: Unknown option '--bogus'; the options are --check, --esb, --root$/],
    [['--root'], /^generate-docs: Option '--root <value>' argument missing$/],
    [
      ['scenarios'],
      /^generate-docs: Unexpected argument 'scenarios': this command takes no positional arguments;/,
    ],
  ].map(([args, line]) => [probe('docs', args as string[]), line as RegExp] as const),
  badRoot: childProbe('docs', ['--check', '--root', aFile]),
};

const testbed = {
  bare: childProbe('testbed', []),
  help: [['--help'], ['help']].map((args) => probe('testbed', args)),
  commandHelp: [
    [['up', '--help'], /^usage: npm run testbed -- up --env </],
    [['down', '-h'], /^usage: npm run testbed -- down --env </],
    [['faults', '--help'], /^usage: npm run testbed -- faults$/],
  ].map(([args, line]) => [probe('testbed', args as string[]), line as RegExp] as const),
  refused: [
    [['toString'], /^testbed: unknown command 'toString'; the commands are up, down, faults$/, TESTBED_USAGE],
    [['up'], /^testbed up: --env is required: one of /, /^usage: npm run testbed -- up /],
    [
      ['up', '--env', 'e2e-docker', '--timeout', '0'],
      /^testbed up: --timeout=0 is not a number of seconds above 0 and at most 3600; use e\.g\. --timeout 300$/,
      /^usage: npm run testbed -- up /,
    ],
    [
      ['up', '--env', 'e2e-docker', '--esb', '2026-03-03'],
      /^testbed up: unknown ESB revision '2026-03-03'; did you mean '2026-03-02'\? the testbed knows 2026-02-17 \(default\), 2026-03-02$/,
      /^usage: npm run testbed -- up /,
    ],
    [
      ['down', '--env', 'e2e-dockr'],
      /^testbed down: unknown environment 'e2e-dockr'; did you mean 'e2e-docker'\?/,
      /^usage: npm run testbed -- down /,
    ],
    [
      ['faults', 'extra'],
      /^testbed faults: Unexpected argument 'extra': .*; it takes no options$/,
      /^usage: npm run testbed -- faults/,
    ],
  ].map(
    ([args, line, synopsis]) =>
      [probe('testbed', args as string[]), line as RegExp, synopsis as RegExp] as const,
  ),
};

const results = runBounded(probes, 4, start);

function idsOf(result: ChildResult): string[] {
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { id: string }[]).map((e) => e.id);
}

describe('esb-e2e: help, version and unknown commands', () => {
  it('bare esb-e2e prints the usage on stderr and exits 2; --help, -h and help print it and exit 0', async () => {
    const bare = await resultOf(cli.bare);
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, CLI_USAGE);
    for (const p of cli.help) {
      await assertHelp(p, CLI_USAGE);
      const { stdout } = await resultOf(p);
      for (const named of ['list', 'run', 'help', 'version', 'ESB_E2E_ROOT', 'ESB_E2E_DEBUG'])
        assert.match(stdout, new RegExp(`^  ${named} `, 'm'), `${describeProbe(p)} names ${named}`);
    }
  });

  it('every command has --help, -h and help <command>', async () => {
    for (const [p, line] of cli.commandHelp) await assertHelp(p, line);
  });

  it('--version, -V and version print the version of package.json', async () => {
    for (const p of cli.version) {
      const result = await resultOf(p);
      assert.equal(result.status, 0, describeProbe(p));
      assert.equal(result.stdout, `esb-e2e ${VERSION}\n`, describeProbe(p));
    }
  });

  it('names inherited by plain objects are unknown commands, not crashes', async () => {
    for (const [name, p] of cli.notCommands)
      await assertRefused(
        p,
        new RegExp(
          `^esb-e2e: unknown command '${name}'; the commands are list, run, mutate, merge-reports, help, version$`,
        ),
        CLI_USAGE,
      );
  });

  it('suggests the closest command', async () => {
    await assertRefused(cli.typo, /^esb-e2e: unknown command 'lst'; did you mean 'list'\?$/, CLI_USAGE);
    await assertRefused(
      cli.helpOfNothing,
      /^esb-e2e help: unknown command 'nope'; the commands are /,
      /^usage: esb-e2e help/,
    );
  });
});

describe('esb-e2e list: the selection options of run', () => {
  it('takes comma lists and repeated flags alike', async () => {
    const suites = idsOf(await resultOf(list.commaSuites));
    assert.deepEqual(suites, idsOf(await resultOf(list.repeatedSuites)));
    assert.ok(suites.includes('SMK-001') && suites.includes('RST-001'), suites.join(' '));
  });

  it('--id lists every expansion of the IDs; --grep matches "<ID> <name>" ignoring case', async () => {
    assert.deepEqual([...new Set(idsOf(await resultOf(list.ids)))].sort(), ['RST-001', 'SMK-001']);
    const grep = await resultOf(list.grep);
    const entries = JSON.parse(grep.stdout) as { id: string; name: string }[];
    assert.ok(entries.length > 0);
    for (const e of entries) assert.match(`${e.id} ${e.name}`, /gateway/i);
  });

  it('refuses a malformed command line with the problem and the fix, then the synopsis; exit 2', async () => {
    for (const [p, line] of list.refused) await assertRefused(p, line, LIST_SYNOPSIS);
  });

  it('refuses names the catalogue does not define with one line; exit 2', async () => {
    for (const [p, line] of list.unknownNames) await assertRefused(p, line);
  });
});

describe('esb-e2e run: refused before anything starts', () => {
  it('malformed options: the problem and the fix, then the synopsis; exit 2', async () => {
    for (const [p, line] of run.refused) await assertRefused(p, line, RUN_SYNOPSIS);
  });

  it('an unknown ID or a report path that cannot be written: one line, exit 2, no case run', async () => {
    for (const [p, line] of run.stopped) await assertRefused(p, line);
  });
});

describe('a project root that names no folder', () => {
  it('is one line naming ESB_E2E_ROOT, the path and the fix, exit 2, for list, run and docs', async () => {
    for (const [p, prefix, line] of roots)
      await assertRefused(p, new RegExp(`^${prefix}: ${line.source}${ROOT_FIX.source}`));
  });

  it('does not stop help', async () => {
    await assertHelp(rootless.help, CLI_USAGE);
  });

  it('a folder without a catalogue gets the loader diagnostics, exit 2, no stack trace', async () => {
    for (const p of [rootless.emptyList, rootless.emptyDocs]) {
      const result = await resultOf(p);
      assert.equal(result.status, 2, `${describeProbe(p)}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /catalog/);
    }
  });
});

describe('npm run docs: arguments', () => {
  it('--help and -h print the usage, exit 0', async () => {
    for (const p of docs.help) await assertHelp(p, DOCS_SYNOPSIS);
  });

  it('unknown options, a missing value, positionals: the problem and the fix, the synopsis; exit 2', async () => {
    for (const [p, line] of docs.refused) await assertRefused(p, line, DOCS_SYNOPSIS);
  });

  it('--root that names no folder: one line, exit 2', async () => {
    await assertRefused(
      docs.badRoot,
      /^generate-docs: --root \S+\/a-file is a file, not a folder; .* or leave --root out /,
    );
  });
});

describe('npm run testbed: arguments', () => {
  it('--help, -h and help print the usage; each command has --help; exit 0', async () => {
    for (const p of testbed.help) await assertHelp(p, TESTBED_USAGE);
    for (const [p, line] of testbed.commandHelp) await assertHelp(p, line);
  });

  it('bare: the usage on stderr, exit 2', async () => {
    const bare = await resultOf(testbed.bare);
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, TESTBED_USAGE);
  });

  it('unknown commands, environments and options: the problem and the fix, the synopsis; exit 2', async () => {
    for (const [p, line, synopsis] of testbed.refused) await assertRefused(p, line, synopsis);
  });
});

/** A child that loads the guard of bin/esb-e2e.mjs and runs `body` as a command's main. */
function guarded(body: string, env: Record<string, string> = {}): Promise<ChildResult> {
  const guard = join(REPO_ROOT, 'runner', 'cli', 'last-resort.ts');
  const script = `const { runGuarded } = await import(${JSON.stringify(guard)});\nawait runGuarded('esb-e2e', async () => {${body}});`;
  return runNode(['--import', 'tsx', '--input-type=module', '--eval', script], { ...cleanEnv(), ...env });
}

describe('the last-resort guard', () => {
  it('an unexpected error is one line with the ESB_E2E_DEBUG hint, exit 70; secrets hidden', async () => {
    const secret = 'k3y-0f-th3-gateway';
    const [thrown, late, debug] = await Promise.all([
      guarded(`throw new TypeError('cannot read x of undefined with ${secret}');`, { X_API_KEY: secret }),
      guarded(`setTimeout(() => { throw new Error('late failure'); }, 10); return new Promise(() => {});`),
      guarded(`throw new Error('shown with its stack');`, { ESB_E2E_DEBUG: '1' }),
    ]);
    assert.equal(thrown.status, 70, thrown.stderr);
    assert.equal(
      thrown.stderr,
      'esb-e2e: internal error: cannot read x of undefined with *** (a bug: rerun with ESB_E2E_DEBUG=1 to see its stack trace)\n',
    );
    assertNoStackTrace(thrown, 'thrown');
    assert.equal(late.status, 70, late.stderr);
    assert.match(late.stderr, /^esb-e2e: internal error: late failure \(a bug: rerun with ESB_E2E_DEBUG=1/);
    assertNoStackTrace(late, 'late');
    assert.equal(debug.status, 70);
    assert.match(
      debug.stderr,
      /^esb-e2e: internal error: shown with its stack\nError: shown with its stack\n\s+at /,
    );
  });

  it('a reader that goes away (esb-e2e list | head) ends nothing with a stack trace', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'esb-e2e.mjs'), 'list', '--json'], {
      cwd: REPO_ROOT,
      env: cleanEnv(),
    });
    // Close the reading end before the child writes: its write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, 0);
  });
});
