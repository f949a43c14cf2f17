import type { FunctionRuntime } from '../../functions/function-catalog.ts';
import type { LogRecord } from '../../shared/log-shipper.ts';
import { bareTraceRoot } from './invocation-trace.ts';
import { plainLineLevel } from './log-level-rules.ts';
import type { RecordSink } from './record-sink.ts';

/** The invocation a stdout line belongs to: what the runtime hook stamps on every record. */
export interface InvocationIdentity {
  readonly functionName: string;
  readonly runtime: FunctionRuntime;
  readonly traceHeader: string | undefined;
  readonly awsRequestId: string;
}

/**
 * The runtime's stdout hook (contract §4.3): turns what a function writes into VictoriaLogs records. JSON
 * object lines keep their keys; plain lines become `{_time, level, message}` with the level inferred by the
 * flavour's rule. Then the invocation's metadata is added where the line did not set it.
 */
export interface StdoutHook {
  /** Text as written to stdout: split on newlines, blank lines skipped. */
  writeText(text: string): void;
  /** One structured line (what `print(json.dumps(obj))` or a Java JSON logger writes). */
  writeRecord(record: Readonly<Record<string, unknown>>): void;
}

const nowIso = (): string => new Date().toISOString();

function jsonObjectLine(line: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // A plain line.
  }
  return undefined;
}

/** ESB's Python hook: add what is missing; `timestamp` is renamed to `_time`. */
function withPythonMetadata(entry: Record<string, unknown>, id: InvocationIdentity): Record<string, unknown> {
  const out = { ...entry };
  out.container_name ??= id.functionName;
  out.job ??= 'lambda';
  if (!('trace_id' in out) && id.traceHeader !== undefined) out.trace_id = id.traceHeader;
  out.aws_request_id ??= id.awsRequestId;
  if (!('_time' in out)) {
    if ('timestamp' in out) {
      out._time = out.timestamp;
      delete out.timestamp;
    } else out._time = nowIso();
  }
  return out;
}

/** ESB's Java sink: a missing, blank or `not-found` trace_id is replaced by the bare root. */
function withJavaMetadata(
  entry: Record<string, unknown>,
  line: string,
  id: InvocationIdentity,
): Record<string, unknown> {
  const out = { ...entry };
  out._time ??= out.timestamp ?? nowIso();
  out.message ??= line;
  out.level ??= plainLineLevel('java', line);
  out.container_name ??= id.functionName;
  out.job ??= 'lambda';
  if (id.traceHeader !== undefined) {
    const existing = out.trace_id == null ? '' : String(out.trace_id).trim();
    if (existing === '' || existing.toLowerCase() === 'not-found')
      out.trace_id = bareTraceRoot(id.traceHeader);
  }
  out.aws_request_id ??= id.awsRequestId;
  return out;
}

/** The shipper needs a `message`; a JSON line without one is stored with the line itself as its text. */
function asLogRecord(entry: Record<string, unknown>, line: string): LogRecord {
  return { ...entry, message: typeof entry.message === 'string' ? entry.message : line };
}

export function createStdoutHook(id: InvocationIdentity, sink: RecordSink): StdoutHook {
  const emitLine = (line: string, parsed: Record<string, unknown> | undefined): void => {
    // The Java sink treats an empty JSON object like a plain line.
    const structured = parsed !== undefined && (id.runtime === 'python' || Object.keys(parsed).length > 0);
    const entry = structured
      ? parsed
      : { _time: nowIso(), level: plainLineLevel(id.runtime, line), message: line };
    const stamped = id.runtime === 'java' ? withJavaMetadata(entry, line, id) : withPythonMetadata(entry, id);
    sink(asLogRecord(stamped, line));
  };
  return {
    writeText(text) {
      for (const line of text.split(/\r?\n/)) if (line.trim() !== '') emitLine(line, jsonObjectLine(line));
    },
    writeRecord(record) {
      const line = JSON.stringify(record);
      emitLine(line, { ...record });
    },
  };
}
