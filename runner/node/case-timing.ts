import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseTrace } from '../../language/model/case-trace.ts';
import { nodeTestParent, underNodeTest } from './node-test-parent.ts';
import { runScratchDir } from './run-scratch.ts';

/**
 * A case's own time and the time it waited before it could start (the run's target being prepared, a run slot
 * held by other cases). node:test times a test from its start, waits included: a 0.1 s health check that waited
 * four minutes for a slot would be reported as taking four minutes.
 */
export interface CaseTiming {
  /** From the case's first step to its end. */
  readonly caseMs: number;
  /** From the test's start to the case's first step. */
  readonly waitMs: number;
  /** The case's trace, when the run records traces. */
  readonly trace?: CaseTrace;
}

/**
 * Where the timing of `title` in the node:test run `runKey` is kept. The case runs in a file's process and the
 * reporter in the `node --test` process that started it; node:test gives a test no channel to its reporter that
 * arrives before the test's completion event (diagnostics come after, in declaration order), so the case leaves
 * its timing here just before it ends, and the reporter reads it when the completion event arrives.
 */
function timingFile(runKey: string, title: string): string {
  const name = createHash('sha256').update(`${runKey}\0${title}`).digest('hex').slice(0, 32);
  return join(runScratchDir('case-timings'), name);
}

let writerKey: { readonly key: string | undefined } | undefined;
let readerKey: { readonly key: string | undefined } | undefined;

/**
 * The timings of cases whose reporter runs in their own process (`esb-e2e run` runs the files in-process, the
 * reporter beside them): handed over in memory, not through a file per case. On globalThis, since the reporter
 * and the cases may be separate module instances (the reporter is loaded by node:test, the cases by the entry
 * files).
 */
const IN_PROCESS_KEY = Symbol.for('esb-e2e.case-timings');
function inProcessTimings(): Map<string, CaseTiming> {
  const holder = globalThis as { [IN_PROCESS_KEY]?: Map<string, CaseTiming> };
  holder[IN_PROCESS_KEY] ??= new Map();
  return holder[IN_PROCESS_KEY];
}

/** Called in the file's process, before the case's test ends. */
export function writeCaseTiming(title: string, timing: CaseTiming): void {
  // Under `node --test` the reporter runs in the parent; run as `esb-e2e run` runs a file (the file itself, with
  // the reporter in the same process), in this process.
  if (!underNodeTest(process.env)) {
    inProcessTimings().set(title, timing);
    return;
  }
  writerKey ??= { key: nodeTestParent(process.ppid).key };
  const runKey = writerKey.key;
  // Without a run key (no /proc) the reporter falls back to node:test's own duration.
  if (runKey === undefined) return;
  try {
    writeFileSync(timingFile(runKey, title), JSON.stringify(timing));
  } catch {
    // best effort: the duration then includes the wait, as before
  }
}

/** Called in the `node --test` process (the reporter's), when a case's completion event arrives. */
export function readCaseTiming(title: string): CaseTiming | undefined {
  const timings = inProcessTimings();
  const inProcess = timings.get(title);
  if (inProcess !== undefined) {
    timings.delete(title);
    return inProcess;
  }
  readerKey ??= { key: nodeTestParent(process.pid).key };
  const runKey = readerKey.key;
  if (runKey === undefined) return undefined;
  try {
    const value = JSON.parse(readFileSync(timingFile(runKey, title), 'utf8')) as Partial<CaseTiming>;
    return typeof value.caseMs === 'number' && typeof value.waitMs === 'number'
      ? {
          caseMs: value.caseMs,
          waitMs: value.waitMs,
          ...(typeof value.trace === 'object' && value.trace !== null ? { trace: value.trace } : {}),
        }
      : undefined;
  } catch {
    return undefined;
  }
}
