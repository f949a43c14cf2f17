import type { CaseTrace } from '../../language/model/case-trace.ts';

/**
 * The JSON lines our node:test reporter (runner/node/jsonl-reporter.mjs) writes, one record per line: what a node:test
 * process tells `esb-e2e run` about the cases it ran. The parent matches cases to its plan by title.
 */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseRecord {
  readonly kind: 'case';
  /** The test name, `<ID> <expanded name>`. */
  readonly title: string;
  /** The entry file that ran it. */
  readonly file: string;
  readonly status: CaseStatus;
  /** The case's own time, from its first step (waits before it excluded, when the case reported them). */
  readonly durationMs: number;
  /** Time the test waited before the case's first step: the target being prepared, a run slot. */
  readonly waitMs?: number;
  /** Wall clock (ms since the epoch) when the case ended; start = endedAt - durationMs. */
  readonly endedAt: number;
  /** The skip reason. */
  readonly reason?: string;
  /** The failure text (thrown message), already redacted by the case runner. */
  readonly failure?: string;
  /** What the case did step by step, when the run records traces (redacted by the case runner). */
  readonly trace?: CaseTrace;
}

/** An entry file that failed outside any case: a load or configuration error, a crash, a cancellation. */
export interface FileFailureRecord {
  readonly kind: 'file-failure';
  readonly file: string;
  readonly message: string;
}

/** Output an entry file printed (stdout or stderr) outside the reporter. */
export interface OutputRecord {
  readonly kind: 'output';
  readonly file: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export type ReporterRecord = CaseRecord | FileFailureRecord | OutputRecord;

/** The part of a node:test reporter event this module reads (node 20 event shapes). */
export interface TestEvent {
  readonly type: string;
  readonly data: {
    readonly name?: string;
    readonly nesting?: number;
    readonly file?: string;
    readonly message?: string;
    readonly skip?: boolean | string;
    readonly todo?: boolean | string;
    readonly details?: {
      readonly duration_ms?: number;
      readonly type?: string;
      readonly passed?: boolean;
      readonly error?: unknown;
    };
  };
}

interface ErrorLike {
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly failureType?: unknown;
}

/** node:test wraps a thrown error in ERR_TEST_FAILURE with the original as `cause`; the original's message is the failure text. */
export function failureText(error: unknown): string {
  const outer = (error ?? {}) as ErrorLike;
  const cause = outer.cause as ErrorLike | undefined;
  if (cause !== undefined && cause !== null && typeof cause === 'object' && typeof cause.message === 'string')
    return cause.message;
  if (typeof cause === 'string') return cause;
  return typeof outer.message === 'string' ? outer.message : String(error);
}

/**
 * Records for one event. Cases are `test:complete` events of tests (not suites) nested in a describe: they
 * arrive as cases end, so progress is live. A suite or file that failed for another reason than a failed
 * case (registration threw, the process exited early) becomes a file failure.
 */
export function recordsFor(
  event: TestEvent,
  now: number,
  caseTiming: (
    title: string,
  ) => { readonly caseMs: number; readonly waitMs: number; readonly trace?: CaseTrace } | undefined = () =>
    undefined,
): ReporterRecord[] {
  const { data } = event;
  const file = data.file ?? '';
  if (event.type === 'test:stdout' || event.type === 'test:stderr') {
    const text = data.message ?? '';
    if (text === '') return [];
    return [{ kind: 'output', file, stream: event.type === 'test:stdout' ? 'stdout' : 'stderr', text }];
  }
  if (event.type !== 'test:complete') return [];
  const details = data.details ?? {};
  const passed = details.passed === true;
  const nesting = data.nesting ?? 0;
  if (details.type === 'suite' || nesting === 0) {
    if (passed) return [];
    const failureType = (details.error as ErrorLike | undefined)?.failureType;
    if (failureType === 'subtestsFailed' && details.type === 'suite') return [];
    // A file whose cases failed also fails as a whole; only a file that failed on its own is reported.
    if (failureType === 'subtestsFailed' && data.name === file) return [];
    return [{ kind: 'file-failure', file, message: failureText(details.error) }];
  }
  const title = data.name ?? '';
  const timing = caseTiming(title);
  const durationMs = Math.round(timing?.caseMs ?? details.duration_ms ?? 0);
  const base = {
    kind: 'case' as const,
    title,
    file,
    durationMs,
    ...(timing === undefined ? {} : { waitMs: Math.round(timing.waitMs) }),
    endedAt: now,
    ...(timing?.trace === undefined ? {} : { trace: timing.trace }),
  };
  if (!passed) return [{ ...base, status: 'failed', failure: failureText(details.error) }];
  if (data.skip !== undefined && data.skip !== false)
    return [{ ...base, status: 'skipped', reason: typeof data.skip === 'string' ? data.skip : '' }];
  return [{ ...base, status: 'passed' }];
}

/** Parses one line of reporter output; undefined for a line that is not a record (stray output). */
export function parseRecord(line: string): ReporterRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as { kind?: unknown };
    return value.kind === 'case' || value.kind === 'file-failure' || value.kind === 'output'
      ? (value as ReporterRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
