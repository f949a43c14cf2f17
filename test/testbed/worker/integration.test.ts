import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
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
let integration: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  integration = await harness.start('lambda-integration');
  await harness.start('lambda-echo');
  await harness.start('lambda-connectivity');
});
after(() => harness.close());

const call = (body: unknown, headers?: Record<string, string>) =>
  integration.invoke(proxyEvent('/api/lambda', body), headers);

describe('lambda-integration', () => {
  test('without next_target: its full-form trace and a null child', async () => {
    const trace = newTestTrace();
    assert.deepEqual(proxyBody(await call({}, tracedHeaders(trace.header))), {
      success: true,
      trace_id: trace.header,
      child: null,
    });
    assert.deepEqual(proxyBody(await call({})), { success: true, trace_id: 'not-found', child: null });
    await harness.takeRecords();
  });

  test('a trace sent only as x-amzn-trace-id is seen too', async () => {
    const trace = newTestTrace();
    const body = proxyBody(await call({}, { 'x-amzn-trace-id': trace.header }));
    assert.equal(body.trace_id, trace.header);
    await harness.takeRecords();
  });

  test('sync chain: the child payload parsed, the trace forwarded as header and ClientContext', async () => {
    const trace = newTestTrace();
    const body = proxyBody(
      await call({ next_target: 'lambda-echo', message: 'ignored' }, tracedHeaders(trace.header)),
    );
    assert.equal(body.success, true);
    assert.equal(body.trace_id, trace.header);
    const child = body.child as { statusCode: number; body: string };
    assert.equal(child.statusCode, 200);
    assert.deepEqual(JSON.parse(child.body), {
      success: true,
      message: 'Echo: from-chain',
      user: 'anonymous',
    });
    const sent = harness.gateway.received.at(-1);
    assert.equal(sent?.functionName, 'lambda-echo');
    assert.equal(sent?.invocationType, 'RequestResponse');
    assert.equal(sent?.traceHeader, trace.header);
    assert.deepEqual(JSON.parse(Buffer.from(sent?.clientContext ?? '', 'base64').toString('utf8')), {
      custom: { trace_id: trace.header },
    });
    assert.deepEqual(JSON.parse(sent?.body ?? ''), { message: 'from-chain' });

    // Parent and child records share the trace; their request ids are UUIDs and disjoint (STD-009).
    const records = await harness.takeRecords();
    const parent = records.filter((r) => r.container_name === 'lambda-integration');
    const childRecords = records.filter((r) => r.container_name === 'lambda-echo');
    assert.ok(records.every((r) => r.trace_id === trace.header));
    const parentIds = new Set(parent.map((r) => r.aws_request_id));
    const childIds = new Set(childRecords.map((r) => r.aws_request_id));
    assert.equal(parentIds.size, 1);
    assert.equal(childIds.size, 1);
    assert.ok([...parentIds, ...childIds].every(isUuid));
    assert.notDeepEqual([...parentIds], [...childIds]);
    const logged = parent.filter((r) => r.logger === 'root').map(stable);
    assert.deepEqual(
      logged.map((r) => r.message),
      [`Trace ID in environment: ${trace.header}`, 'Chaining sync invocation to lambda-echo'],
    );
    assert.ok(
      logged.every((r) => r.level === 'INFO' && /^lambda-integration\.ts:\d+$/.test(String(r.location))),
    );
    assert.ok(childRecords.some((r) => r.message === 'Echo: from-chain'));
  });

  test('async chain: Event invocation, child {status:"async-started", status_code:202}, child runs later', async () => {
    const trace = newTestTrace();
    const body = proxyBody(
      await call({ next_target: 'lambda-echo', async: true }, tracedHeaders(trace.header)),
    );
    assert.deepEqual(body, {
      success: true,
      trace_id: trace.header,
      child: { status: 'async-started', status_code: 202 },
    });
    assert.equal(harness.gateway.received.at(-1)?.invocationType, 'Event');
    const records = await harness.takeRecords();
    assert.ok(
      records.some(
        (r) =>
          r.container_name === 'lambda-echo' &&
          r.message === 'Echo: from-chain' &&
          r.trace_id === trace.header,
      ),
    );
    assert.ok(records.some((r) => r.message === 'Chaining async invocation to lambda-echo'));
  });

  test('through the Invoke API (STD-026): raw payload, child lambda-connectivity echoes from-chain', async () => {
    const trace = newTestTrace();
    const answer = await integration.invoke(
      { next_target: 'lambda-connectivity' },
      tracedHeaders(trace.header),
    );
    const body = proxyBody(answer);
    assert.ok(String(body.trace_id).includes(`Root=${trace.root}`));
    const child = body.child as { body: string };
    assert.deepEqual(JSON.parse(child.body), { success: true, action: 'echo', message: 'Echo: from-chain' });
    const records = await harness.takeRecords();
    assert.ok(records.some((r) => r.container_name === 'lambda-connectivity' && r.trace_id === trace.header));
  });

  test('a failing chain invoke is the invocation error: Unhandled, logged as an ERROR line', async () => {
    const answer = await call({ next_target: 'no-such-function' });
    assert.equal(answer.status, 200);
    assert.equal(answer.functionError, 'Unhandled');
    assert.deepEqual(answer.json, {
      errorType: 'Error',
      errorMessage:
        'An error occurred (404) when calling the Invoke operation: Function not found: no-such-function',
    });
    const records = await harness.takeRecords();
    const errorLine = records.find((r) => String(r.message).startsWith('[ERROR]'));
    assert.equal(errorLine?.level, 'ERROR');
    assert.equal(errorLine?.container_name, 'lambda-integration');
  });
});
