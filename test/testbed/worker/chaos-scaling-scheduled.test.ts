import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
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
let chaos: TestWorker;
let scaling: TestWorker;
let scheduled: TestWorker;
let dynamo: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  chaos = await harness.start('lambda-chaos');
  scaling = await harness.start('lambda-scaling');
  scheduled = await harness.start('lambda-scheduled');
  dynamo = await harness.start('lambda-dynamo');
});
after(() => harness.close());

describe('lambda-chaos', () => {
  test('hello (the default, and any other action): OK without a success field', async () => {
    for (const [body, action] of [
      [{ action: 'hello' }, 'hello'],
      [{}, 'hello'],
      [{ action: 'other' }, 'other'],
    ] as const) {
      const answer = await chaos.invoke(proxyEvent('/api/faulty', body));
      assert.deepEqual(answer.json, {
        statusCode: 200,
        headers: { 'Content-Type': 'application/json' },
        body: `{"message": "Faulty Lambda is OK", "action": "${action}"}`,
      });
    }
    await harness.takeRecords();
  });

  test('prints a plain DEBUG: Processing line, inferred DEBUG, with the trace', async () => {
    const trace = newTestTrace();
    await chaos.invoke(proxyEvent('/api/faulty', { action: 'hello' }), tracedHeaders(trace.header));
    const records = (await harness.takeRecords()).map(stable);
    assert.deepEqual(records.at(-1), {
      level: 'DEBUG',
      message: "DEBUG: Processing action='hello'",
      container_name: 'lambda-chaos',
      job: 'lambda',
      trace_id: trace.header,
    });
  });

  test('delay sleeps the given seconds, then answers Delayed for <n>s', async () => {
    const started = Date.now();
    const answer = await chaos.invoke(proxyEvent('/api/faulty', { action: 'delay', seconds: 0.2 }));
    assert.ok(Date.now() - started >= 190);
    assert.deepEqual(proxyBody(answer), { message: 'Delayed for 0.2s' });
    await harness.takeRecords();
  });
});

describe('lambda-scaling', () => {
  test('sleeps sleep_ms and answers the constant message', async () => {
    const started = Date.now();
    const answer = await scaling.invoke(proxyEvent('/api/scaling', { message: 'scale', sleep_ms: 150 }));
    assert.ok(Date.now() - started >= 140);
    assert.deepEqual(answer.json, {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message": "scaling-test", "slept_ms": 150}',
    });
    assert.deepEqual(proxyBody(await scaling.invoke(proxyEvent('/api/scaling', { message: 'x' }))), {
      message: 'scaling-test',
      slept_ms: 0,
    });
  });
});

describe('lambda-scheduled', () => {
  test('writes scheduled-run with a naive UTC last_run and the event as a map (STD-025)', async () => {
    // The scheduler sends the input string as the raw event, untraced.
    const answer = await scheduled.invoke('{"scheduled": true}');
    assert.equal((answer.json as { statusCode: number }).statusCode, 200);
    const stored = await harness.stores.dynamoDb.send(
      new GetItemCommand({ TableName: 'e2e-test-table', Key: { id: { S: 'scheduled-run' } } }),
    );
    assert.deepEqual(stored.Item?.event, { M: { scheduled: { BOOL: true } } });
    assert.match(String(stored.Item?.last_run?.S), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    // Read back as the case does, through lambda-dynamo.
    const got = proxyBody(
      await dynamo.invoke(proxyEvent('/api/dynamo', { action: 'get', id: 'scheduled-run' })),
    );
    assert.equal(got.found, true);
    assert.equal(
      (got.item as { event: { M: { scheduled: { BOOL: boolean } } } }).event.M.scheduled.BOOL,
      true,
    );
  });

  test('each run overwrites the item', async () => {
    await scheduled.invoke({ scheduled: true, run: 2, tags: ['a'], none: null });
    const stored = await harness.stores.dynamoDb.send(
      new GetItemCommand({ TableName: 'e2e-test-table', Key: { id: { S: 'scheduled-run' } } }),
    );
    assert.deepEqual(stored.Item?.event, {
      M: { scheduled: { BOOL: true }, run: { N: '2' }, tags: { L: [{ S: 'a' }] }, none: { NULL: true } },
    });
    await harness.takeRecords();
  });
});
