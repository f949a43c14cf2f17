import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseRecord, type ReporterRecord } from '../report/reporter-records.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTER = fileURLToPath(new URL('../report/jsonl-reporter.mjs', import.meta.url));

export interface NodeTestRun {
  /** Entry files (absolute paths), run all at once: the run slots bound the cases in flight. */
  readonly entries: readonly string[];
  /** The whole environment of the node:test process: client environment and ESB_E2E_* variables. */
  readonly env: Readonly<Record<string, string>>;
  readonly onRecord: (record: ReporterRecord) => void;
  /** Lines node itself printed on stdout that are not records (rare: warnings of the runner). */
  readonly onStrayLine?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface NodeTestExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines node wrote to stderr, for a run that ended abnormally. */
  readonly stderrTail: string;
}

/** The command line of one environment's node:test process (what CI users run by hand, plus our reporter). */
export function nodeTestArgs(entries: readonly string[]): string[] {
  return [
    '--import',
    'tsx',
    '--enable-source-maps',
    '--test',
    `--test-concurrency=${Math.max(1, entries.length)}`,
    `--test-reporter=${REPORTER}`,
    '--test-reporter-destination=stdout',
    ...entries,
  ];
}

/** Runs node --test on the entries and streams our reporter's records as cases end. */
export function spawnNodeTest(run: NodeTestRun): Promise<NodeTestExit> {
  const child = spawn(process.execPath, nodeTestArgs(run.entries), {
    cwd: PACKAGE_ROOT,
    env: run.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onAbort = () => child.kill('SIGTERM');
  run.signal?.addEventListener('abort', onAbort, { once: true });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 40) stderr.shift();
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const record = parseRecord(line);
    if (record !== undefined) run.onRecord(record);
    else if (line.trim() !== '') run.onStrayLine?.(line);
  });
  const stdoutDone = new Promise<void>((resolve) => lines.once('close', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      run.signal?.removeEventListener('abort', onAbort);
      void stdoutDone.then(() => resolve({ code, signal, stderrTail: stderr.join('\n') }));
    });
  });
}
