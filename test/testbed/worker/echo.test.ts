import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AUTH_USER,
  isUuid,
  newTestTrace,
  proxyBody,
  proxyEvent,
  stable,
  startWorkerHarness,
  type TestWorker,
  tracedHeaders,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;
let echo: TestWorker;
let echoJava: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  echo = await harness.start('lambda-echo');
  echoJava = await harness.start('lambda-echo-java');
});
after(() => harness.close());

describe('lambda-echo (python)', () => {
  test('via the API: Echo: <message> and the authenticated user, as a Python proxy response', async () => {
    const answer = await echo.invoke(proxyEvent('/api/echo', { message: 'hello-basic' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.functionError, null);
    assert.deepEqual(answer.json, {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: `{"success": true, "message": "Echo: hello-basic", "user": "${AUTH_USER}"}`,
    });
    await harness.takeRecords();
  });

  test('direct invoke: the whole event is the payload and the user is anonymous', async () => {
    const answer = await echo.invoke({ message: 'from-chain' });
    assert.deepEqual(proxyBody(answer), { success: true, message: 'Echo: from-chain', user: 'anonymous' });
    await harness.takeRecords();
  });

  test('an absent message gives Hello; an empty one is kept', async () => {
    assert.equal(proxyBody(await echo.invoke(proxyEvent('/api/echo', {}))).message, 'Echo: Hello');
    assert.equal(proxyBody(await echo.invoke(proxyEvent('/api/echo', { message: '' }))).message, 'Echo: ');
    await harness.takeRecords();
  });

  test('logs the hook DEBUG, then INFO and DEBUG lines with trace, function and its own _time', async () => {
    const trace = newTestTrace();
    await echo.invoke(proxyEvent('/api/echo', { message: 'Log quality test' }), tracedHeaders(trace.header));
    const records = await harness.takeRecords();
    const base = { container_name: 'lambda-echo', job: 'lambda', trace_id: trace.header };
    assert.deepEqual(records.map(stable), [
      {
        ...base,
        level: 'DEBUG',
        message: `Hydrated _X_AMZN_TRACE_ID: ${trace.header}`,
        logger: 'sitecustomize',
        _sitecustomize: true,
      },
      { ...base, level: 'INFO', message: 'Echo: Log quality test', function: 'lambda-echo' },
      { ...base, level: 'DEBUG', message: 'Debug log for quality test', function: 'lambda-echo' },
    ]);
    const ids = new Set(records.map((r) => r.aws_request_id));
    assert.equal(ids.size, 1);
  });

  test('untraced: no hook record, and the handler writes trace_id not-found', async () => {
    await echo.invoke({ message: 'quiet' });
    const records = (await harness.takeRecords()).map(stable);
    assert.deepEqual(records, [
      {
        level: 'INFO',
        message: 'Echo: quiet',
        function: 'lambda-echo',
        trace_id: 'not-found',
        container_name: 'lambda-echo',
        job: 'lambda',
      },
      {
        level: 'DEBUG',
        message: 'Debug log for quality test',
        function: 'lambda-echo',
        trace_id: 'not-found',
        container_name: 'lambda-echo',
        job: 'lambda',
      },
    ]);
  });

  test('every invocation gets a fresh aws_request_id', async () => {
    await echo.invoke({ message: 'one' });
    await echo.invoke({ message: 'two' });
    const ids = new Set((await harness.takeRecords()).map((r) => r.aws_request_id));
    assert.equal(ids.size, 2);
    assert.ok([...ids].every(isUuid));
  });

  test('records are shipped with the stream and message fields of ESB', async () => {
    await echo.invoke({ message: 'fields' });
    await harness.takeRecords();
    assert.ok(
      harness.victorialogs.insertQueries.every(
        (q) => q === '_stream_fields=container_name,job&_msg_field=message&_time_field=_time',
      ),
    );
  });
});

describe('lambda-echo-java', () => {
  test('via the API: Echo: <message> and the user, as a compact Java response map', async () => {
    const answer = await echoJava.invoke(proxyEvent('/api/echo-java', { message: 'hello-java' }));
    assert.deepEqual(answer.json, {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: `{"success":true,"message":"Echo: hello-java","user":"${AUTH_USER}"}`,
    });
    await harness.takeRecords();
  });

  test('a blank or absent message gives Echo: Hello; a direct invoke is anonymous', async () => {
    assert.equal(
      proxyBody(await echoJava.invoke(proxyEvent('/api/echo-java', { message: '  ' }))).message,
      'Echo: Hello',
    );
    assert.equal(proxyBody(await echoJava.invoke(proxyEvent('/api/echo-java', {}))).message, 'Echo: Hello');
    assert.deepEqual(proxyBody(await echoJava.invoke({ message: 'direct' })), {
      success: true,
      message: 'Echo: direct',
      user: 'anonymous',
    });
    await harness.takeRecords();
  });

  test('a base64 body is decoded; a non-JSON body has no message', async () => {
    const event = {
      ...proxyEvent('/api/echo-java', {}),
      body: Buffer.from('{"message":"b64"}').toString('base64'),
      isBase64Encoded: true,
    };
    assert.equal(proxyBody(await echoJava.invoke(event)).message, 'Echo: b64');
    const raw = { ...proxyEvent('/api/echo-java', {}), body: 'just text' };
    assert.equal(proxyBody(await echoJava.invoke(raw)).message, 'Echo: Hello');
    await harness.takeRecords();
  });

  test('logs INFO and DEBUG with the bare root as trace_id and no hook record', async () => {
    const trace = newTestTrace();
    await echoJava.invoke(
      proxyEvent('/api/echo-java', { message: 'Log quality test' }),
      tracedHeaders(trace.header),
    );
    const records = await harness.takeRecords();
    const base = {
      container_name: 'lambda-echo-java',
      job: 'lambda',
      trace_id: trace.root,
      function: 'lambda-echo-java',
    };
    assert.deepEqual(records.map(stable), [
      { ...base, level: 'INFO', message: 'Echo: Log quality test' },
      { ...base, level: 'DEBUG', message: 'Debug log for quality test' },
    ]);
    assert.equal(new Set(records.map((r) => r.aws_request_id)).size, 1);
  });
});
