import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type RunningVictoriaLogs,
  startVictoriaLogs,
} from '../../../testbed/services/victorialogs/victorialogs-server.ts';
import { insertRecords, messages, queryLogs } from './victorialogs-client.ts';

describe('VictoriaLogs stand-in over HTTP', () => {
  let server: RunningVictoriaLogs;
  let url: string;
  before(async () => {
    server = await startVictoriaLogs({ port: 0 });
    url = `http://127.0.0.1:${server.port}`;
  });
  after(() => server.close());

  it('answers /health with 200 OK', async () => {
    const response = await fetch(`${url}/health`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'OK');
  });

  it('stores a record with _msg, _time, _stream, _stream_id and flattened string fields', async () => {
    await insertRecords(url, [
      {
        _time: '2026-01-02T03:04:05.123Z',
        message: 'Echo: hello',
        container_name: 'lambda-store',
        job: 'lambda',
        level: 'INFO',
        status: 200,
        ok: true,
        nothing: null,
        request: { path: '/api/echo', headers: { host: 'x' } },
        tags: ['a', 1],
      },
    ]);
    const answer = await queryLogs(url, { query: 'container_name:"lambda-store"', limit: '10' });
    assert.equal(answer.status, 200);
    assert.match(answer.contentType ?? '', /^application\/(stream\+json|x-ndjson)/);
    assert.equal(answer.hits.length, 1);
    const hit = answer.hits[0] ?? {};
    assert.match(hit._stream_id ?? '', /^[0-9a-f]{32}$/);
    assert.deepEqual(hit, {
      _time: '2026-01-02T03:04:05.123Z',
      _stream_id: hit._stream_id,
      _stream: '{container_name="lambda-store",job="lambda"}',
      _msg: 'Echo: hello',
      container_name: 'lambda-store',
      job: 'lambda',
      level: 'INFO',
      status: '200',
      ok: 'true',
      'request.path': '/api/echo',
      'request.headers.host': 'x',
      tags: '["a",1]',
    });
  });

  it('gives the same stream the same _stream_id, and a missing stream field no label', async () => {
    await insertRecords(url, [
      { message: 'one', container_name: 'lambda-stream', job: 'lambda' },
      { message: 'two', container_name: 'lambda-stream', job: 'lambda' },
      { message: 'three', container_name: 'lambda-stream' },
    ]);
    const { hits } = await queryLogs(url, { query: 'container_name:"lambda-stream"' });
    assert.deepEqual(
      hits.map((hit) => hit._stream),
      [
        '{container_name="lambda-stream",job="lambda"}',
        '{container_name="lambda-stream",job="lambda"}',
        '{container_name="lambda-stream"}',
      ],
    );
    assert.equal(hits[0]?._stream_id, hits[1]?._stream_id);
    assert.notEqual(hits[0]?._stream_id, hits[2]?._stream_id);
  });

  it('takes _time from _time, else timestamp, else the ingestion time', async () => {
    const before = Date.now();
    await insertRecords(url, [
      {
        message: 'both',
        job: 'time-precedence',
        _time: '2026-01-01T00:00:01Z',
        timestamp: '2026-01-01T00:00:02Z',
      },
      { message: 'timestamp ms', job: 'time-precedence', timestamp: Date.UTC(2026, 0, 1, 0, 0, 3, 456) },
      { message: 'epoch seconds', job: 'time-precedence', _time: Date.UTC(2026, 0, 1, 0, 0, 4, 500) / 1000 },
      {
        message: 'unreadable _time',
        job: 'time-precedence',
        _time: 'soon',
        timestamp: '2026-01-01T00:00:05Z',
      },
      { message: 'none', job: 'time-precedence' },
    ]);
    const afterInsert = Date.now();
    const { hits } = await queryLogs(url, { query: 'job:time-precedence' });
    const byMessage = new Map(hits.map((hit) => [hit._msg, hit]));
    assert.equal(byMessage.get('both')?._time, '2026-01-01T00:00:01.000Z');
    assert.equal(byMessage.get('both')?.timestamp, '2026-01-01T00:00:02Z', 'timestamp stays a field');
    assert.equal(byMessage.get('timestamp ms')?._time, '2026-01-01T00:00:03.456Z');
    assert.equal(byMessage.get('epoch seconds')?._time, '2026-01-01T00:00:04.500Z');
    assert.equal(byMessage.get('unreadable _time')?._time, '2026-01-01T00:00:05.000Z');
    const ingested = Date.parse(byMessage.get('none')?._time ?? '');
    assert.ok(
      ingested >= before && ingested <= afterInsert,
      `ingestion time ${byMessage.get('none')?._time}`,
    );
    for (const hit of hits) assert.match(hit._time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,9}Z$/);
  });

  it('matches phrases at word boundaries, never a missing field, and ANDs terms', async () => {
    await insertRecords(url, [
      {
        message: 'python',
        container_name: 'lambda-echo',
        job: 'lambda',
        trace_id: 'Root=1-abc-def;Sampled=1',
      },
      { message: 'java', container_name: 'lambda-echo-java', job: 'lambda', trace_id: '1-abc-def' },
      { message: 'plural', container_name: 'lambda-echoes', job: 'lambda', trace_id: '1-abc-defg' },
      { message: 'no trace', container_name: 'lambda-echo', job: 'lambda' },
      { message: 'boto', container_name: 'lambda-image', logger: 'boto3.mock', trace_id: 'x1-abc-def' },
    ]);
    assert.deepEqual(await messages(url, 'trace_id:"1-abc-def"'), ['python', 'java']);
    assert.deepEqual(await messages(url, 'container_name:"lambda-echo" AND trace_id:"1-abc-def"'), [
      'python',
      'java',
    ]);
    assert.deepEqual(await messages(url, 'container_name:lambda-echo-java trace_id:"1-abc-def"'), ['java']);
    assert.deepEqual(await messages(url, 'logger:boto3.mock AND container_name:"lambda-image"'), ['boto']);
    assert.deepEqual(await messages(url, 'trace_id:"1-abc-def" AND "no trace"'), []);
    assert.deepEqual(await messages(url, '"no trace" AND job:lambda AND container_name:"lambda-echo"'), [
      'no trace',
    ]);
  });

  it('returns the most recent matches up to limit, oldest first', async () => {
    const base = Date.UTC(2026, 1, 1);
    // Inserted out of order, to prove the answer is ordered by _time rather than by arrival.
    const order = [3, 0, 4, 1, 2];
    await insertRecords(
      url,
      order.map((i) => ({
        message: `m${i}`,
        job: 'limit-check',
        _time: new Date(base + i * 1000).toISOString(),
      })),
    );
    assert.deepEqual(await messages(url, 'job:limit-check', { limit: '3' }), ['m2', 'm3', 'm4']);
    assert.deepEqual(await messages(url, 'job:limit-check', { limit: '1' }), ['m4']);
    assert.deepEqual(await messages(url, 'job:limit-check'), ['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('applies the default limit of 1000', async () => {
    const records = Array.from({ length: 1003 }, (_, i) => ({ message: `n${i}`, job: 'default-limit' }));
    await insertRecords(url, records);
    const hits = await messages(url, 'job:default-limit');
    assert.equal(hits.length, 1000);
    assert.equal(hits.at(-1), 'n1002');
    assert.equal(hits[0], 'n3');
  });

  it('keeps hits inside an inclusive start/end window', async () => {
    const at = (seconds: number, ms = 0) => new Date(Date.UTC(2026, 2, 1, 12, 0, seconds, ms)).toISOString();
    await insertRecords(url, [
      { message: 'before', job: 'window', _time: at(9, 999) },
      { message: 'at start', job: 'window', _time: at(10) },
      { message: 'inside', job: 'window', _time: at(15, 250) },
      { message: 'at end', job: 'window', _time: at(20) },
      { message: 'after', job: 'window', _time: at(20, 1) },
    ]);
    assert.deepEqual(
      await messages(url, 'job:window', { start: '2026-03-01T12:00:10Z', end: '2026-03-01T12:00:20Z' }),
      ['at start', 'inside', 'at end'],
    );
    assert.deepEqual(await messages(url, 'job:window', { start: '2026-03-01T12:00:15.000Z' }), [
      'inside',
      'at end',
      'after',
    ]);
    assert.deepEqual(await messages(url, 'job:window', { end: '2026-03-01T13:00:10+01:00' }), [
      'before',
      'at start',
    ]);
  });

  it('accepts the query as a form-encoded POST', async () => {
    await insertRecords(url, [{ message: 'posted', job: 'form-post' }]);
    const answer = await queryLogs(url, { query: 'job:"form-post"', limit: '5' }, 'POST');
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.hits.map((hit) => hit._msg),
      ['posted'],
    );
  });

  it('skips blank and unparsable lines of an insert body', async () => {
    const body = [
      '{"message":"good 1","job":"lines"}',
      '',
      '{not json',
      '   ',
      '[1,2]',
      '"just a string"',
      '{"message":"good 2","job":"lines"}',
    ].join('\n');
    const response = await fetch(
      `${url}/insert/jsonline?_stream_fields=container_name,job&_msg_field=message&_time_field=_time`,
      { method: 'POST', body },
    );
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
    assert.deepEqual(await messages(url, 'job:lines'), ['good 1', 'good 2']);
  });

  it('answers 400 with a plain-text reason for a query it cannot parse', async () => {
    const badQueries: Record<string, string>[] = [
      { query: 'a:x OR b:y' },
      { query: '' },
      { query: 'trace_id:"open' },
      { query: 'job:x', limit: 'many' },
      { query: 'job:x', limit: '0' },
      { query: 'job:x', start: 'yesterday' },
    ];
    for (const params of badQueries) {
      const answer = await queryLogs(url, params);
      assert.equal(answer.status, 400, JSON.stringify(params));
      assert.match(answer.contentType ?? '', /^text\/plain/);
      assert.ok(answer.text.length > 0);
    }
    const missing = await fetch(`${url}/select/logsql/query`);
    assert.equal(missing.status, 400);
    await missing.arrayBuffer();
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    const unknown = await fetch(`${url}/nope`);
    assert.equal(unknown.status, 404);
    await unknown.arrayBuffer();
    const getInsert = await fetch(`${url}/insert/jsonline`);
    assert.equal(getInsert.status, 405);
    await getInsert.arrayBuffer();
  });
});
