import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  newTestTrace,
  proxyEvent,
  stable,
  startWorkerHarness,
  type TestWorker,
  tracedHeaders,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;
let image: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  image = await harness.start('lambda-image');
  await harness.start('lambda-echo');
});
after(() => harness.close());

const call = (body: unknown, headers?: Record<string, string>) =>
  image.invoke(proxyEvent('/api/image', body), headers);

describe('lambda-image', () => {
  test('echo: a plain object (no statusCode) with the message or hello-image (STD-010)', async () => {
    assert.deepEqual((await call({ message: 'hello-image' })).json, {
      success: true,
      action: 'echo',
      handler: 'e2e-minimal-lambda',
      message: 'hello-image',
    });
    assert.deepEqual((await call({ message: 'hi', action: 'anything' })).json, {
      success: true,
      action: 'anything',
      handler: 'e2e-minimal-lambda',
      message: 'hi',
    });
    for (const body of [{}, { message: '' }])
      assert.equal(((await call(body)).json as { message: string }).message, 'hello-image');
  });

  test('top-level string keys fill in what the body does not set', async () => {
    const event = {
      ...proxyEvent('/api/image', { action: 'echo' }),
      message: 'top-level',
      action: 'ignored',
    };
    assert.deepEqual((await image.invoke(event)).json, {
      success: true,
      action: 'echo',
      handler: 'e2e-minimal-lambda',
      message: 'top-level',
    });
    // A direct invoke has no body: the top-level keys are the payload.
    assert.equal(((await image.invoke({ message: 'direct' })).json as { message: string }).message, 'direct');
  });

  test('chain_invoke sync: status_code 200 and the parsed child (STD-027)', async () => {
    const trace = newTestTrace();
    const answer = await call(
      { action: 'chain_invoke', target: 'lambda-echo', message: 'from-image-chain' },
      tracedHeaders(trace.header),
    );
    const body = answer.json as {
      success: boolean;
      chain: {
        target: string;
        invocation_type: string;
        status_code: number;
        child: { statusCode: number; body: string };
      };
    };
    assert.equal(body.success, true);
    assert.deepEqual(
      { ...body.chain, child: undefined },
      {
        target: 'lambda-echo',
        invocation_type: 'RequestResponse',
        status_code: 200,
        child: undefined,
      },
    );
    assert.equal(body.chain.child.statusCode, 200);
    assert.deepEqual(JSON.parse(body.chain.child.body), {
      success: true,
      message: 'Echo: from-image-chain',
      user: 'anonymous',
    });
    assert.equal(harness.gateway.received.at(-1)?.traceHeader, trace.header);
    await harness.takeRecords();
  });

  test('chain_invoke async: Event, status_code 202, no child', async () => {
    const answer = await call({ action: 'chain_invoke', async: true });
    assert.deepEqual((answer.json as { chain: unknown }).chain, {
      target: 'lambda-echo',
      invocation_type: 'Event',
      status_code: 202,
    });
    assert.deepEqual(JSON.parse(harness.gateway.received.at(-1)?.body ?? ''), { message: 'hello-image' });
    await harness.takeRecords();
  });

  test('s3_roundtrip writes and reads back (STD-028), with defaults', async () => {
    const answer = await call({
      action: 's3_roundtrip',
      bucket: 'e2e-test-bucket',
      key: 'image-abcd1234.txt',
      content: 'from-image-s3',
    });
    assert.deepEqual(answer.json, {
      success: true,
      action: 's3_roundtrip',
      handler: 'e2e-minimal-lambda',
      s3: { bucket: 'e2e-test-bucket', key: 'image-abcd1234.txt', content: 'from-image-s3' },
    });
    const defaults = (await call({ action: 's3_roundtrip' })).json as {
      s3: { bucket: string; key: string; content: string };
    };
    assert.equal(defaults.s3.bucket, 'e2e-test-bucket');
    assert.match(defaults.s3.key, /^image-[0-9a-f]{8}\.txt$/);
    assert.equal(defaults.s3.content, 'from-image-s3');
  });

  test('test_cloudwatch: exactly one boto3.mock record with the marker, plus the JSON line (STD-029)', async () => {
    await harness.takeRecords();
    const trace = newTestTrace();
    const marker = 'image-cloudwatch-0123456789abcdef0123456789abcdef';
    const answer = await call({ action: 'test_cloudwatch', marker }, tracedHeaders(trace.header));
    const body = answer.json as {
      success: boolean;
      cloudwatch: { marker: string; log_group: string; log_stream: string };
    };
    assert.equal(body.success, true);
    assert.equal(body.cloudwatch.marker, marker);
    assert.equal(body.cloudwatch.log_group, '/lambda/image-function');
    assert.match(body.cloudwatch.log_stream, /^image-stream-\d{13}$/);
    const records = await harness.takeRecords();
    const passthrough = records.filter((r) => r.logger === 'boto3.mock').map(stable);
    assert.deepEqual(passthrough, [
      {
        level: 'INFO',
        message: marker,
        log_group: '/lambda/image-function',
        log_stream: body.cloudwatch.log_stream,
        logger: 'boto3.mock',
        container_name: 'lambda-image',
        job: 'lambda',
        trace_id: trace.header,
      },
    ]);
    const printed = records.filter((r) => r.function === 'lambda-image').map(stable);
    assert.deepEqual(printed, [
      {
        level: 'INFO',
        message: marker,
        function: 'lambda-image',
        container_name: 'lambda-image',
        job: 'lambda',
        trace_id: trace.header,
      },
    ]);
  });

  test('a failure is still HTTP 200 with success false and the error', async () => {
    const answer = await call({ action: 'chain_invoke', target: 'no-such-function' });
    assert.equal(answer.status, 200);
    assert.equal(answer.functionError, null);
    assert.deepEqual(answer.json, {
      success: false,
      action: 'chain_invoke',
      handler: 'e2e-minimal-lambda',
      error:
        'An error occurred (404) when calling the Invoke operation: Function not found: no-such-function',
    });
    await harness.takeRecords();
  });
});
