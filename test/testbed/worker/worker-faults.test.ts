import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FAULT_TABLE, type FaultName } from '../../../testbed/faults/fault-table.ts';
import {
  bareRootOf,
  newTestTrace,
  proxyBody,
  proxyEvent,
  startWorkerHarness,
  tracedHeaders,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;

before(async () => {
  harness = await startWorkerHarness();
});
after(() => harness.close());

/** A worker for `functionName` with exactly one fault on, routed by the fake gateway. */
const faulty = (functionName: string, fault: FaultName) => harness.start(functionName, { faults: [fault] });

describe('worker fault switches (fault-table.ts, service worker)', () => {
  test('every worker fault is covered here', () => {
    const workerFaults = Object.entries(FAULT_TABLE)
      .filter(([, row]) => row.service === 'worker')
      .map(([name]) => name)
      .sort();
    assert.deepEqual(workerFaults, [
      'cloudwatch-duplicated',
      'container-name-unknown',
      'crash-as-function-error',
      'debug-logs-dropped',
      'dynamo-update-noop',
      'echo-user-missing',
      'echo-wrong-prefix',
      'image-success-false',
      'presign-internal-endpoint',
      'request-id-reused',
      'trace-not-propagated',
    ]);
  });

  test('echo-wrong-prefix: lambda-echo answers Reply: <message>', async () => {
    const echo = await faulty('lambda-echo', 'echo-wrong-prefix');
    const body = proxyBody(await echo.invoke(proxyEvent('/api/echo', { message: 'hello-basic' })));
    assert.equal(body.message, 'Reply: hello-basic');
    assert.equal(body.success, true);
    await harness.takeRecords();
  });

  test('echo-user-missing: lambda-echo omits user', async () => {
    const echo = await faulty('lambda-echo', 'echo-user-missing');
    assert.deepEqual(proxyBody(await echo.invoke(proxyEvent('/api/echo', { message: 'x' }))), {
      success: true,
      message: 'Echo: x',
    });
    await harness.takeRecords();
  });

  test('debug-logs-dropped: no DEBUG record reaches VictoriaLogs, in either flavour or the passthrough', async () => {
    const echo = await faulty('lambda-echo', 'debug-logs-dropped');
    const connectivity = await faulty('lambda-connectivity', 'debug-logs-dropped');
    const java = await faulty('lambda-connectivity-java', 'debug-logs-dropped');
    const echoJava = await faulty('lambda-echo-java', 'debug-logs-dropped');
    await harness.takeRecords();
    const trace = newTestTrace();
    await echo.invoke({ message: 'x' }, tracedHeaders(trace.header));
    await echoJava.invoke({ message: 'x' }, tracedHeaders(trace.header));
    await connectivity.invoke({ action: 'test_cloudwatch' }, tracedHeaders(trace.header));
    await java.invoke({ action: 'test_cloudwatch' }, tracedHeaders(trace.header));
    const records = await harness.takeRecords();
    assert.ok(records.length >= 9);
    assert.deepEqual(
      records.filter((r) => String(r.level).toUpperCase() === 'DEBUG'),
      [],
    );
    assert.equal(records.filter((r) => r.logger === 'boto3.mock').length, 3);
    assert.equal(records.filter((r) => r.logger === 'aws.logs').length, 3);
  });

  test('cloudwatch-duplicated: each passthrough record is delivered twice', async () => {
    const connectivity = await faulty('lambda-connectivity', 'cloudwatch-duplicated');
    await harness.takeRecords();
    await connectivity.invoke({ action: 'test_cloudwatch' });
    const passthrough = (await harness.takeRecords()).filter((r) => r.logger === 'boto3.mock');
    assert.equal(passthrough.length, 8);
    assert.equal(new Set(passthrough.map((r) => `${r.level}|${r.message}`)).size, 4);
  });

  test('trace-not-propagated: the chain invoke carries no trace, so the child runs under a new root', async () => {
    const integration = await faulty('lambda-integration', 'trace-not-propagated');
    await harness.start('lambda-echo');
    await harness.takeRecords();
    const trace = newTestTrace();
    const body = proxyBody(
      await integration.invoke({ next_target: 'lambda-echo' }, tracedHeaders(trace.header)),
    );
    assert.equal(body.trace_id, trace.header);
    const sent = harness.gateway.received.at(-1);
    assert.equal(sent?.traceHeader, undefined);
    assert.equal(sent?.clientContext, undefined);
    const childRecords = (await harness.takeRecords()).filter((r) => r.container_name === 'lambda-echo');
    assert.ok(childRecords.length > 0);
    assert.ok(
      childRecords.every((r) => typeof r.trace_id === 'string' && bareRootOf(r.trace_id) !== trace.root),
    );
  });

  test('container-name-unknown: Python passthrough records carry UNKNOWN, other records do not', async () => {
    const connectivity = await faulty('lambda-connectivity', 'container-name-unknown');
    await harness.takeRecords();
    await connectivity.invoke({ action: 'test_cloudwatch' }, tracedHeaders(newTestTrace().header));
    const records = await harness.takeRecords();
    const passthrough = records.filter((r) => r.logger === 'boto3.mock');
    assert.equal(passthrough.length, 4);
    assert.ok(passthrough.every((r) => r.container_name === 'UNKNOWN'));
    assert.ok(
      records
        .filter((r) => r.logger !== 'boto3.mock')
        .every((r) => r.container_name === 'lambda-connectivity'),
    );
  });

  test('request-id-reused: every invocation, of every worker, logs the same aws_request_id', async () => {
    const echo = await faulty('lambda-echo', 'request-id-reused');
    const chaos = await faulty('lambda-chaos', 'request-id-reused');
    await harness.takeRecords();
    await echo.invoke({ message: 'one' });
    await echo.invoke({ message: 'two' });
    await chaos.invoke({ action: 'hello' });
    const ids = new Set((await harness.takeRecords()).map((r) => r.aws_request_id));
    assert.equal(ids.size, 1);
  });

  test('dynamo-update-noop: update answers success but the item keeps its message', async () => {
    const dynamo = await faulty('lambda-dynamo', 'dynamo-update-noop');
    const id = String(proxyBody(await dynamo.invoke({ action: 'put', message: 'Original message' })).item_id);
    assert.deepEqual(proxyBody(await dynamo.invoke({ action: 'update', id, message: 'Updated message' })), {
      success: true,
      item_id: id,
    });
    const item = proxyBody(await dynamo.invoke({ action: 'get', id })).item as { message: { S: string } };
    assert.equal(item.message.S, 'Original message');
    await harness.takeRecords();
  });

  test('crash-as-function-error: crash answers a statusCode 500 body and the worker lives on', async () => {
    const chaos = await faulty('lambda-chaos', 'crash-as-function-error');
    const answer = await chaos.invoke(proxyEvent('/api/faulty', { action: 'crash' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.functionError, null);
    assert.equal((answer.json as { statusCode: number }).statusCode, 500);
    assert.equal(proxyBody(await chaos.invoke({ action: 'hello' })).message, 'Faulty Lambda is OK');
    await harness.takeRecords();
  });

  test('presign-internal-endpoint: lambda-s3 presigns for 127.0.0.1, the internal endpoint (ESB 2026-03-02)', async () => {
    const presign = async (faults: FaultName[]) => {
      const s3 = await harness.start('lambda-s3', { faults, esb: '2026-03-02' });
      const answer = await s3.invoke(proxyEvent('/api/s3', { action: 'presign_get', bucket: 'b', key: 'k' }));
      return new URL(proxyBody(answer).url as string);
    };
    assert.equal((await presign([])).host, `localhost:${harness.ports.s3}`);
    assert.equal((await presign(['presign-internal-endpoint'])).host, `127.0.0.1:${harness.ports.s3}`);
    await harness.takeRecords();
  });

  test('image-success-false: lambda-image answers success false', async () => {
    const image = await faulty('lambda-image', 'image-success-false');
    assert.deepEqual((await image.invoke(proxyEvent('/api/image', { message: 'hello-image' }))).json, {
      success: false,
      action: 'echo',
      handler: 'e2e-minimal-lambda',
      message: 'hello-image',
    });
    await harness.takeRecords();
  });
});
