import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logTimeFromEpochMs, parseLogTime } from '../../../testbed/services/victorialogs/log-time.ts';

const text = (value: unknown): string | undefined => parseLogTime(value)?.text;

describe('log times', () => {
  it('normalises RFC3339 strings to UTC with at least millisecond precision', () => {
    assert.equal(text('2026-03-04T05:06:07Z'), '2026-03-04T05:06:07.000Z');
    assert.equal(text('2026-03-04T05:06:07.5Z'), '2026-03-04T05:06:07.500Z');
    assert.equal(text('2026-03-04T05:06:07.123456789Z'), '2026-03-04T05:06:07.123456789Z');
    assert.equal(text('2026-03-04T07:06:07.25+02:00'), '2026-03-04T05:06:07.250Z');
    assert.equal(text('2026-03-04T00:30:00-0130'), '2026-03-04T02:00:00.000Z');
    assert.equal(text('2026-03-04 05:06:07'), '2026-03-04T05:06:07.000Z', 'no zone means UTC');
    assert.equal(text('0001-01-01T00:00:00Z'), '0001-01-01T00:00:00.000Z');
  });

  it('keeps the sub-millisecond part in epochMs so ordering stays exact', () => {
    assert.equal(parseLogTime('1970-01-01T00:00:01.0015Z')?.epochMs, 1001.5);
  });

  it('reads Unix timestamps by magnitude', () => {
    const ms = Date.UTC(2026, 2, 4, 5, 6, 7, 890);
    assert.equal(text(ms), '2026-03-04T05:06:07.890Z', 'milliseconds');
    assert.equal(text(ms / 1000), '2026-03-04T05:06:07.890Z', 'seconds with a fraction');
    assert.equal(text(Math.floor(ms / 1000)), '2026-03-04T05:06:07.000Z', 'whole seconds');
    assert.equal(text(ms * 1000), '2026-03-04T05:06:07.890Z', 'microseconds');
    assert.equal(text(ms * 1e6), '2026-03-04T05:06:07.890Z', 'nanoseconds');
    assert.equal(text(String(ms)), '2026-03-04T05:06:07.890Z', 'a numeric string');
    assert.equal(text('1772600767.89'), '2026-03-04T05:06:07.890Z');
  });

  it('refuses what is not a time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e30,
      null,
      {},
      true,
    ])
      assert.equal(parseLogTime(bad), undefined, `${String(bad)}`);
  });

  it('formats ingestion times from the clock', () => {
    assert.deepEqual(logTimeFromEpochMs(1.9), { text: '1970-01-01T00:00:00.001Z', epochMs: 1 });
  });
});
