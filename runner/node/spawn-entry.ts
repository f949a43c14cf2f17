import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { debugging } from '../config/debugging.ts';
import { parseRecord, type ReporterRecord } from '../report/reporter-records.ts';
import type { EntryBundle } from './entry-bundle.ts';
import { PROCESS_VARIABLE } from './process-variables.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTER = fileURLToPath(new URL('./jsonl-reporter.mjs', import.meta.url));
const BUNDLE_HOOKS = fileURLToPath(new URL('./entry-bundle-hooks.mjs', import.meta.url));
const GROUP_MAIN = fileURLToPath(new URL('./entry-group-main.ts', import.meta.url));

export interface EntryRun {
  /** The entry files (absolute paths) the process runs, side by side (entry-group.ts). */
  readonly entries: readonly string[];
  /** The whole environment of the process: client environment and ESB_E2E_* variables. */
  readonly env: Readonly<Record<string, string>>;
  readonly onRecord: (record: ReporterRecord) => void;
  /** Anything else the file printed, stdout or stderr, line by line. */
  readonly onOutput: (line: string) => void;
  readonly signal?: AbortSignal;
  /** The run's bundle of the entry API and the reporter; without it, the process loads their sources. */
  readonly bundle?: EntryBundle;
  /** The catalogue as the run loaded it (runner/load/catalogue-snapshot.ts); without it, the process loads it. */
  readonly catalogueSnapshot?: string;
}

export interface EntryExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines the process wrote to stderr, for a file that ended abnormally. */
  readonly stderrTail: string;
}

/**
 * The command line of a group of entry files: node runs their node:test tests in-process (entry-group-main.ts)
 * with our reporter on stdout. Not `node --test`: node 20 buffers the events of every file but the first until
 * the files before it end, so progress would stall behind the longest scenario; in one process of our own,
 * every case is live.
 */
export function entryArgs(
  bundle?: EntryBundle,
  entries: readonly string[] = [],
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  // Without tsx when the run compiled every entry file of the process (entry-compile.ts): the rest is bundled.
  const compiled = bundle !== undefined && entries.length > 0 && entries.every((e) => bundle.entries[e]);
  return [
    ...(compiled ? [] : ['--import', 'tsx']),
    ...(bundle === undefined || standaloneEntries(bundle, entries) !== undefined
      ? []
      : ['--import', BUNDLE_HOOKS]),
    // Source maps turn a stack trace's bundle lines into the TypeScript ones, which only ESB_E2E_DEBUG shows;
    // reading them cost each process 0.03 s of its start.
    ...(debugging(env) ? ['--enable-source-maps'] : []),
    // V8 lets a heap grow to several times what survives a collection; a case process makes much short-lived
    // garbage, which then filled it: at 10,000 cases, 270 MiB. Half again at most: 235 MiB, for 3-7% longer cases.
    '--heap-growing-percent=50',
    // undici parses HTTP with WebAssembly, which V8 recompiles in the background after its baseline compile; a
    // process then waited 0.09 s for that at its exit, a quarter of a one-case run. The baseline code parses a
    // case's few kilobytes as fast.
    '--liftoff-only',
    `--test-reporter=${bundle?.reporter ?? REPORTER}`,
    '--test-reporter-destination=stdout',
    bundle?.groupMain ?? GROUP_MAIN,
  ];
}

/**
 * The file each entry file is loaded from when none of them needs the resolve hook (entry-bundle-hooks.mjs): the
 * bundle finds its packages by itself and every entry file has a standalone compiled copy; undefined otherwise.
 */
function standaloneEntries(
  bundle: EntryBundle,
  entries: readonly string[],
): Record<string, string> | undefined {
  if (!bundle.packagesResolve || entries.length === 0) return undefined;
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const standalone = bundle.entries[entry]?.standalone;
    if (standalone === undefined) return undefined;
    files[entry] = standalone;
  }
  return files;
}

/** The compiled file each entry file of the process is loaded from (the others load their sources). */
function compiledFiles(bundle: EntryBundle, entries: readonly string[]): Record<string, string> {
  const standalone = standaloneEntries(bundle, entries);
  if (standalone !== undefined) return standalone;
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const compiled = bundle.entries[entry]?.compiled;
    if (compiled !== undefined) files[entry] = compiled;
  }
  return files;
}

/** How long a file may take to stop after SIGTERM (an abort) before it is killed. */
const KILL_GRACE_MS = 5_000;

/** Runs a group of entry files and streams our reporter's records as their cases end. */
export function spawnEntry(run: EntryRun): Promise<EntryExit> {
  // A process group of its own: a stop reaches the file's process and what it started (tsx's esbuild service),
  // and nothing of it is left once the file has ended.
  const child = spawn(process.execPath, entryArgs(run.bundle, run.entries), {
    cwd: PACKAGE_ROOT,
    env: {
      ...run.env,
      [PROCESS_VARIABLE.entryFiles]: JSON.stringify(run.entries),
      ...(run.bundle === undefined
        ? {}
        : {
            [PROCESS_VARIABLE.entryBundle]: run.bundle.api,
            [PROCESS_VARIABLE.compiledEntries]: JSON.stringify(compiledFiles(run.bundle, run.entries)),
          }),
      ...(run.catalogueSnapshot === undefined
        ? {}
        : { [PROCESS_VARIABLE.catalogueSnapshot]: run.catalogueSnapshot }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    signalGroup('SIGTERM');
    killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
  };
  if (run.signal?.aborted) onAbort();
  else run.signal?.addEventListener('abort', onAbort, { once: true });
  const stderr: string[] = [];
  const errLines = createInterface({ input: child.stderr });
  errLines.on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 40) stderr.shift();
    run.onOutput(line);
  });
  const outLines = createInterface({ input: child.stdout });
  outLines.on('line', (line) => {
    const record = parseRecord(line);
    if (record !== undefined) run.onRecord(record);
    else run.onOutput(line);
  });
  const closed = (lines: ReturnType<typeof createInterface>) =>
    new Promise<void>((resolve) => lines.once('close', resolve));
  const streamsDone = Promise.all([closed(outLines), closed(errLines)]);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      run.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      // Whatever the file started and left running (it ended by a signal or forgot a child) goes with it.
      signalGroup('SIGKILL');
      void streamsDone.then(() => resolve({ code, signal, stderrTail: stderr.join('\n') }));
    });
  });
}
