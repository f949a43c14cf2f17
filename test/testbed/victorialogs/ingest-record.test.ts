import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  flattenFields,
  ingestParamsFrom,
  streamId,
  streamLabel,
  toLogEntry,
} from '../../../testbed/services/victorialogs/ingest-record.ts';
import { INSERT_PATH } from '../../../testbed/shared/log-shipper.ts';

const params = ingestParamsFrom(new URL(`http://127.0.0.1${INSERT_PATH}`).searchParams);

describe('ingesting a record', () => {
  it('reads the shipper parameters', () => {
    assert.deepEqual(params, {
      streamFields: ['container_name', 'job'],
      msgFields: ['message', '_msg'],
      timeField: '_time',
    });
  });

  it('flattens nested objects, stringifies scalars and drops empty values', () => {
    const flat = flattenFields({ a: { b: { c: 1 }, d: false }, e: [1, { f: 2 }], g: '', h: null, i: {} });
    assert.deepEqual({ ...flat }, { 'a.b.c': '1', 'a.d': 'false', e: '[1,{"f":2}]' });
  });

  it('stores a key named __proto__ as a plain field', () => {
    const entry = toLogEntry(
      JSON.parse('{"message":"m","__proto__":"p"}') as Record<string, unknown>,
      params,
      0,
    );
    assert.equal(Object.getOwnPropertyDescriptor(entry.fields, '__proto__')?.value, 'p');
  });

  it('escapes stream values and hashes the stream text stably', () => {
    const label = streamLabel({ job: 'a"b\\c', container_name: 'x' }, ['container_name', 'job']);
    assert.equal(label, '{container_name="x",job="a\\"b\\\\c"}');
    assert.equal(streamId(label), streamId(label));
    assert.match(streamId(label), /^[0-9a-f]{32}$/);
    assert.equal(streamLabel({}, ['container_name', 'job']), '{}');
  });

  it('uses _msg when message is absent, and an empty _msg when both are', () => {
    assert.equal(toLogEntry({ _msg: 'direct' }, params, 0).fields._msg, 'direct');
    assert.equal(toLogEntry({ other: 'x' }, params, 0).fields._msg, '');
    assert.equal(toLogEntry({ message: 42 }, params, 0).fields._msg, '42');
  });

  it('computes _stream and _stream_id itself, ignoring input fields of those names', () => {
    const entry = toLogEntry(
      { message: 'm', container_name: 'c', job: 'j', _stream: '{forged="1"}', _stream_id: 'forged' },
      params,
      0,
    );
    assert.equal(entry.fields._stream, '{container_name="c",job="j"}');
    assert.notEqual(entry.fields._stream_id, 'forged');
    assert.deepEqual(Object.keys(entry.fields), [
      '_time',
      '_stream_id',
      '_stream',
      '_msg',
      'container_name',
      'job',
    ]);
  });

  it('falls back to the ingestion time', () => {
    const entry = toLogEntry({ message: 'm' }, params, Date.UTC(2026, 0, 1, 0, 0, 0, 7));
    assert.equal(entry.fields._time, '2026-01-01T00:00:00.007Z');
    assert.equal(entry.epochMs, Date.UTC(2026, 0, 1, 0, 0, 0, 7));
  });
});
