import { createHash } from 'node:crypto';
import { type LogTime, logTimeFromEpochMs, parseLogTime } from './log-time.ts';

/** The query parameters of `/insert/jsonline` that shape a stored record (contract §7.1). */
export interface IngestParams {
  /** Fields whose values make up `_stream`, in this order. */
  readonly streamFields: readonly string[];
  /** Candidates for `_msg`; the first non-empty one wins and is removed from the fields. */
  readonly msgFields: readonly string[];
  readonly timeField: string;
}

/** A record ready to store: every value a string, `_time`, `_stream`, `_stream_id` and `_msg` included. */
export interface LogEntry {
  readonly fields: Readonly<Record<string, string>>;
  readonly epochMs: number;
}

/** ESB's shippers fall back to this key when a record has no `_time` (contract §4.3). */
const FALLBACK_TIME_FIELD = 'timestamp';
/** Names VictoriaLogs computes itself; an input field of that name would contradict the computed one. */
const COMPUTED_FIELDS = ['_time', '_stream', '_stream_id', '_msg'] as const;

function commaList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

export function ingestParamsFrom(params: URLSearchParams): IngestParams {
  return {
    streamFields: commaList(params.get('_stream_fields')),
    msgFields: [...commaList(params.get('_msg_field')), '_msg'],
    timeField: params.get('_time_field')?.trim() || '_time',
  };
}

/** JSON objects of a JSON-lines body; blank lines, unparsable lines and non-objects are skipped. */
export function parseJsonLines(body: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      objects.push(parsed as Record<string, unknown>);
  }
  return objects;
}

/**
 * A null-prototype record, so that an input key such as `__proto__` is stored as a field like any other
 * instead of touching the object's prototype.
 */
export function emptyFields(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/**
 * Flattens nested objects into dotted keys and turns every value into a string: arrays as JSON, numbers
 * and booleans as their text. null and empty values are dropped, because VictoriaLogs treats an empty field
 * as a missing one.
 */
export function flattenFields(input: Readonly<Record<string, unknown>>): Record<string, string> {
  const flat = emptyFields();
  const visit = (key: string, value: unknown): void => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value)) flat[key] = JSON.stringify(value);
    else if (typeof value === 'object')
      for (const [inner, innerValue] of Object.entries(value)) visit(`${key}.${inner}`, innerValue);
    else flat[key] = String(value);
  };
  for (const [key, value] of Object.entries(input)) visit(key, value);
  return flat;
}

/** `{container_name="lambda-echo",job="lambda"}`; stream fields without a value are left out. */
export function streamLabel(
  fields: Readonly<Record<string, string>>,
  streamFields: readonly string[],
): string {
  const labels = streamFields.flatMap((name) => {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return value === undefined ? [] : [`${name}=${JSON.stringify(value)}`];
  });
  return `{${labels.join(',')}}`;
}

/** A stable id for a stream: the same `_stream` text always gives the same 32 hex digits. */
export function streamId(stream: string): string {
  return createHash('sha256').update(stream).digest('hex').slice(0, 32);
}

/** Turns one inserted JSON object into a stored entry; `nowMs` is the ingestion time. */
export function toLogEntry(
  input: Readonly<Record<string, unknown>>,
  params: IngestParams,
  nowMs: number,
): LogEntry {
  const flat = flattenFields(input);
  const msgField = params.msgFields.find((name) => Object.hasOwn(flat, name));
  const message = msgField === undefined ? '' : (flat[msgField] ?? '');
  const time = takeTime(flat, params.timeField) ?? logTimeFromEpochMs(nowMs);
  for (const name of COMPUTED_FIELDS) delete flat[name];
  if (msgField !== undefined) delete flat[msgField];
  const stream = streamLabel(flat, params.streamFields);
  const fields = emptyFields();
  fields._time = time.text;
  fields._stream_id = streamId(stream);
  fields._stream = stream;
  fields._msg = message;
  Object.assign(fields, flat);
  return { fields, epochMs: time.epochMs };
}

/** `_time` from the time field (which is consumed), else from `timestamp` (which stays a field). */
function takeTime(flat: Record<string, string>, timeField: string): LogTime | undefined {
  const fromTimeField = Object.hasOwn(flat, timeField) ? parseLogTime(flat[timeField]) : undefined;
  delete flat[timeField];
  if (fromTimeField !== undefined) return fromTimeField;
  return Object.hasOwn(flat, FALLBACK_TIME_FIELD) ? parseLogTime(flat[FALLBACK_TIME_FIELD]) : undefined;
}
