import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
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
let python: TestWorker;
let java: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  python = await harness.start('lambda-connectivity');
  java = await harness.start('lambda-connectivity-java');
  await harness.start('lambda-echo');
});
after(() => harness.close());

async function storedValue(key: string): Promise<string | undefined> {
  const answer = await harness.stores.dynamoDb.send(
    new GetItemCommand({ TableName: 'e2e-test-table', Key: { id: { S: key } } }),
  );
  return answer.Item?.value?.S;
}

async function storedObject(bucket: string, key: string): Promise<string> {
  const answer = await harness.stores.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await answer.Body?.transformToString('utf-8')) ?? '';
}

describe('lambda-connectivity (python)', () => {
  const call = (body: unknown, headers?: Record<string, string>) =>
    python.invoke(proxyEvent('/api/connectivity/python', body), headers);

  test('echo, with its default message and as the default action', async () => {
    assert.deepEqual(proxyBody(await call({ action: 'echo', message: 'smoke-python' })), {
      success: true,
      action: 'echo',
      message: 'Echo: smoke-python',
    });
    assert.deepEqual(proxyBody(await call({})), { success: true, action: 'echo', message: 'Echo: hello' });
  });

  test('dynamodb_put writes {id, value}, with defaults python-smoke / ok', async () => {
    const answer = await call({ action: 'dynamodb_put', key: 'smoke-python', value: 'v1' });
    assert.equal(answer.json && (answer.json as { statusCode: number }).statusCode, 200);
    assert.deepEqual(proxyBody(answer), { success: true, action: 'dynamodb_put' });
    assert.equal(await storedValue('smoke-python'), 'v1');
    await call({ action: 'dynamodb_put' });
    assert.equal(await storedValue('python-smoke'), 'ok');
  });

  test('s3_put creates the bucket if needed and writes the object, with defaults', async () => {
    assert.deepEqual(
      proxyBody(
        await call({ action: 's3_put', bucket: 'e2e-test-bucket', key: 'python-smoke.txt', content: 'ok1' }),
      ),
      {
        success: true,
        action: 's3_put',
      },
    );
    assert.equal(await storedObject('e2e-test-bucket', 'python-smoke.txt'), 'ok1');
    await call({ action: 's3_put', bucket: 'fresh-bucket' });
    assert.equal(await storedObject('fresh-bucket', 'python-connectivity.txt'), 'ok');
  });

  test('chain_invoke returns the child proxy object with its JSON body string', async () => {
    const body = proxyBody(
      await call({ action: 'chain_invoke', target: 'lambda-echo', message: 'from-smoke' }),
    );
    assert.deepEqual(body, {
      success: true,
      action: 'chain_invoke',
      child: {
        statusCode: 200,
        headers: { 'Content-Type': 'application/json' },
        body: '{"success": true, "message": "Echo: from-smoke", "user": "anonymous"}',
      },
    });
    const sent = harness.gateway.received.at(-1);
    assert.equal(sent?.functionName, 'lambda-echo');
    assert.equal(sent?.invocationType, 'RequestResponse');
    assert.deepEqual(JSON.parse(sent?.body ?? ''), { message: 'from-smoke' });
    const defaults = proxyBody(await call({ action: 'chain_invoke' }));
    assert.match(String((defaults.child as { body: string }).body), /Echo: from-python/);
  });

  test('an unknown action succeeds with just the action', async () => {
    assert.deepEqual(proxyBody(await call({ action: 'hello' })), { success: true, action: 'hello' });
  });

  test('a failure is 500 {success:false, action, error}', async () => {
    const answer = await call({ action: 'chain_invoke', target: 'no-such-function' });
    assert.equal((answer.json as { statusCode: number }).statusCode, 500);
    assert.deepEqual(proxyBody(answer), {
      success: false,
      action: 'chain_invoke',
      error:
        'An error occurred (404) when calling the Invoke operation: Function not found: no-such-function',
    });
  });

  test('test_cloudwatch: 4 boto3.mock records, exactly once, with the trace, plus Processing action', async () => {
    await harness.takeRecords();
    const trace = newTestTrace();
    // RTP-003 sends this through the Invoke API: the raw payload has a JSON string body.
    const before = Date.now();
    const answer = await python.invoke(
      { body: '{"action": "test_cloudwatch"}' },
      tracedHeaders(trace.header),
    );
    const body = proxyBody(answer);
    assert.equal(body.success, true);
    assert.equal(body.action, 'test_cloudwatch');
    assert.equal(body.log_group, '/lambda/hello-test');
    assert.match(String(body.log_stream), /^test-stream-\d{10}$/);
    const epoch = Number(String(body.log_stream).slice('test-stream-'.length));
    assert.ok(Math.abs(epoch - Math.floor(before / 1000)) <= 1);
    const records = await harness.takeRecords();
    const passthrough = records.filter((r) => r.logger === 'boto3.mock');
    const base = {
      log_group: '/lambda/hello-test',
      log_stream: body.log_stream,
      logger: 'boto3.mock',
      container_name: 'lambda-connectivity',
      job: 'lambda',
      trace_id: trace.header,
    };
    const stamped = passthrough.map(stable);
    assert.equal(stamped.length, 4);
    assert.match(String(stamped[0]?.message), /^Test log from Lambda at \d{13}$/);
    const timestamp = Number(String(stamped[0]?.message).slice('Test log from Lambda at '.length));
    assert.deepEqual(stamped, [
      { ...base, level: 'INFO', message: `Test log from Lambda at ${timestamp}` },
      { ...base, level: 'DEBUG', message: 'This is a debug message' },
      { ...base, level: 'ERROR', message: 'This is an error message' },
      { ...base, level: 'INFO', message: 'CloudWatch Logs E2E verification successful!' },
    ]);
    // _time comes from each event's timestamp (ms), not from the time of shipping.
    assert.deepEqual(
      passthrough.map((r) => r._time),
      [0, 1, 2, 3].map((n) => new Date(timestamp + n).toISOString()),
    );
    const processing = records.filter((r) => r.logger === 'root').map(stable);
    assert.equal(processing.length, 1);
    assert.match(String(processing[0]?.location), /^lambda-connectivity\.ts:\d+$/);
    assert.deepEqual(
      { ...processing[0], location: 'x' },
      {
        level: 'INFO',
        message: 'Processing action: test_cloudwatch',
        logger: 'root',
        location: 'x',
        container_name: 'lambda-connectivity',
        job: 'lambda',
        trace_id: trace.header,
      },
    );
    assert.equal(new Set(records.map((r) => r.aws_request_id)).size, 1);
  });

  test('LOG_LEVEL INFO drops the DEBUG passthrough record; ERROR drops the INFO logging record', async () => {
    const infoWorker = await harness.start('lambda-connectivity', { logLevel: 'INFO' });
    await harness.takeRecords();
    await infoWorker.invoke({ action: 'test_cloudwatch' });
    const infoLevels = (await harness.takeRecords())
      .filter((r) => r.logger === 'boto3.mock')
      .map((r) => r.level);
    assert.deepEqual(infoLevels, ['INFO', 'ERROR', 'INFO']);
    const errorWorker = await harness.start('lambda-connectivity', { logLevel: 'ERROR' });
    await errorWorker.invoke({ action: 'test_cloudwatch' });
    const errorRecords = await harness.takeRecords();
    assert.deepEqual(
      errorRecords.map((r) => [r.logger, r.level]),
      [['boto3.mock', 'ERROR']],
    );
    harness.gateway.routes.set('lambda-connectivity', python.port);
  });
});

describe('lambda-connectivity-java', () => {
  const call = (body: unknown, headers?: Record<string, string>) =>
    java.invoke(proxyEvent('/api/connectivity/java', body), headers);

  test('echo answers like Python; the default action is hello', async () => {
    assert.deepEqual(proxyBody(await call({ action: 'echo', message: 'smoke-java' })), {
      success: true,
      action: 'echo',
      message: 'Echo: smoke-java',
    });
    assert.deepEqual(proxyBody(await call({})), { success: true, action: 'hello' });
    assert.deepEqual(proxyBody(await call({ action: 'other' })), { success: true, action: 'other' });
  });

  test('dynamodb_put and s3_put, with the Java defaults', async () => {
    assert.deepEqual(proxyBody(await call({ action: 'dynamodb_put', key: 'smoke-java', value: 'j' })), {
      success: true,
      action: 'dynamodb_put',
    });
    assert.equal(await storedValue('smoke-java'), 'j');
    await call({ action: 'dynamodb_put' });
    assert.equal(await storedValue('java-connectivity'), 'ok');
    assert.deepEqual(
      proxyBody(
        await call({ action: 's3_put', bucket: 'e2e-test-bucket', key: 'java-smoke.txt', content: 'jc' }),
      ),
      {
        success: true,
        action: 's3_put',
      },
    );
    assert.equal(await storedObject('e2e-test-bucket', 'java-smoke.txt'), 'jc');
    await call({ action: 's3_put' });
    assert.equal(await storedObject('e2e-test-bucket', 'java-connectivity.txt'), 'ok');
  });

  test('chain_invoke and lambda_invoke return the child map, with from-java / hello-from-java', async () => {
    const chain = proxyBody(
      await call({ action: 'chain_invoke', target: 'lambda-echo', message: 'from-smoke' }),
    );
    assert.equal(chain.action, 'chain_invoke');
    assert.equal((chain.child as { statusCode: number }).statusCode, 200);
    assert.deepEqual(JSON.parse((chain.child as { body: string }).body), {
      success: true,
      message: 'Echo: from-smoke',
      user: 'anonymous',
    });
    const chainDefault = proxyBody(await call({ action: 'chain_invoke' }));
    assert.match((chainDefault.child as { body: string }).body, /Echo: from-java/);
    const invoke = proxyBody(await call({ action: 'lambda_invoke' }));
    assert.equal(invoke.action, 'lambda_invoke');
    assert.match((invoke.child as { body: string }).body, /Echo: hello-from-java/);
  });

  test('a failure is 500 {success:false, action, error}', async () => {
    const answer = await call({ action: 'chain_invoke', target: 'no-such-function' });
    assert.equal((answer.json as { statusCode: number }).statusCode, 500);
    const body = proxyBody(answer);
    assert.equal(body.success, false);
    assert.equal(body.action, 'chain_invoke');
    assert.match(String(body.error), /Function not found: no-such-function/);
  });

  test('test_cloudwatch: 4 aws.logs records with the bare root', async () => {
    await harness.takeRecords();
    const trace = newTestTrace();
    const before = Date.now();
    const body = proxyBody(await call({ action: 'test_cloudwatch' }, tracedHeaders(trace.header)));
    assert.equal(body.log_group, '/aws/lambda/java-connectivity');
    assert.match(String(body.log_stream), /^test-stream-\d{13}$/);
    assert.ok(Number(String(body.log_stream).slice('test-stream-'.length)) >= before);
    assert.deepEqual(Object.keys(body), ['success', 'action', 'log_group', 'log_stream']);
    const records = await harness.takeRecords();
    const base = {
      log_group: '/aws/lambda/java-connectivity',
      log_stream: body.log_stream,
      logger: 'aws.logs',
      container_name: 'lambda-connectivity-java',
      job: 'lambda',
      trace_id: trace.root,
    };
    assert.deepEqual(records.map(stable), [
      { ...base, level: 'INFO', message: 'Java CloudWatch log test' },
      { ...base, level: 'DEBUG', message: 'Debug log from java connectivity' },
      { ...base, level: 'ERROR', message: 'Error log from java connectivity' },
      { ...base, level: 'INFO', message: 'CloudWatch Logs E2E verification successful!' },
    ]);
  });
});
