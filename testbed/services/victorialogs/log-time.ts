/**
 * Time values as VictoriaLogs reads them: RFC3339 strings and Unix timestamps. Every stored `_time` is an
 * RFC3339 UTC string ending in `Z` with at least millisecond precision, so string order and time order agree
 * for the test-side checks that compare them.
 */
export interface LogTime {
  /** RFC3339 UTC, e.g. `2026-01-02T03:04:05.678Z`; finer fractions of an ISO input are kept (up to ns). */
  readonly text: string;
  /** Milliseconds since the epoch, with the sub-millisecond part of `text` as a fraction. */
  readonly epochMs: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A time in milliseconds since the epoch; whole milliseconds so `text` and `epochMs` agree after a reload. */
export function logTimeFromEpochMs(epochMs: number): LogTime {
  const wholeMs = Math.floor(epochMs);
  return { text: new Date(wholeMs).toISOString(), epochMs: wholeMs };
}

/**
 * Reads a timestamp: an RFC3339 string (a missing zone means UTC: the testbed's containers have no time
 * zone, and a reproducible answer beats guessing the host's), or a Unix timestamp as a number or numeric
 * string. A Unix timestamp's unit is decided by its magnitude: below 1e11 (year 5138 in seconds) it is seconds
 * (fractions allowed), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
 * Returns undefined for anything else, or a date outside what `Date` can represent.
 */
export function parseLogTime(value: unknown): LogTime | undefined {
  if (typeof value === 'number') return fromUnixNumber(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (NUMERIC.test(text)) return fromUnixNumber(Number(text));
  return fromRfc3339(text);
}

function fromUnixNumber(value: number): LogTime | undefined {
  if (!Number.isFinite(value)) return undefined;
  const magnitude = Math.abs(value);
  const epochMs =
    magnitude < 1e11 ? value * 1e3 : magnitude < 1e14 ? value : magnitude < 1e17 ? value / 1e3 : value / 1e6;
  // Scaling leaves float noise (…889.9998 for …890); rounding to the microsecond removes it before flooring.
  const cleanMs = Math.round(epochMs * 1000) / 1000;
  if (Number.isNaN(new Date(Math.floor(cleanMs)).getTime())) return undefined;
  return logTimeFromEpochMs(cleanMs);
}

function fromRfc3339(text: string): LogTime | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const localMs = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000;
  // 31 February rolls over into March; a date that does not round-trip does not exist.
  if (new Date(localMs).getUTCDate() !== d) return undefined;
  const offsetMs =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const wholeSecondMs = localMs - offsetMs;
  const seconds = new Date(wholeSecondMs).toISOString().slice(0, -5); // drop ".000Z"
  // An offset can push year 0000 or 9999 out of RFC3339's four digits.
  if (!/^\d{4}-/.test(seconds)) return undefined;
  const digits = (fraction ?? '').slice(0, 9).padEnd(3, '0');
  return { text: `${seconds}.${digits}Z`, epochMs: wholeSecondMs + Number(`0.${digits}`) * 1000 };
}
