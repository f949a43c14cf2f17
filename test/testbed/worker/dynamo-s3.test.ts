import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startWorker } from '../../../testbed/services/worker/worker-server.ts';
import { type BackingStores, startBackingStores } from './backing-stores.ts';
import {
  AUTH_USER,
  type InvokeAnswer,
  invokeWorker,
  isUuid,
  proxyBody,
  proxyEvent,
  readServiceConfigFor,
  stable,
  startWorkerHarness,
  type TestWorker,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;
let dynamo: TestWorker;
let s3: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  dynamo = await harness.start('lambda-dynamo');
  s3 = await harness.start('lambda-s3');
});
after(() => harness.close());

const statusOf = (answer: InvokeAnswer): number => (answer.json as { statusCode: number }).statusCode;

describe('lambda-dynamo', () => {
  const call = (body: unknown) => dynamo.invoke(proxyEvent('/api/dynamo', body));

  test('put_get (the default action) writes a uuid item and reads it back in attribute-value JSON', async () => {
    for (const body of [{ action: 'put_get' }, {}]) {
      const answer = await call(body);
      assert.equal(statusOf(answer), 200);
      const result = proxyBody(answer);
      assert.equal(result.success, true);
      assert.ok(isUuid(result.item_id));
      const item = result.retrieved_item as Record<string, Record<string, string>>;
      assert.deepEqual(Object.keys(item).sort(), ['id', 'message', 'timestamp']);
      assert.equal(item.id?.S, result.item_id);
      assert.equal(item.message?.S, 'Hello from ScyllaDB Lambda');
      assert.ok(Math.abs(Number(item.timestamp?.N) - Date.now() / 1000) < 5);
    }
  });

  test('put, update, get, delete, get (STD-002/003)', async () => {
    const put = proxyBody(await call({ action: 'put', message: 'Original message' }));
    assert.equal(put.success, true);
    const id = String(put.item_id);
    assert.ok(isUuid(id));
    assert.deepEqual(proxyBody(await call({ action: 'update', id, message: 'Updated message' })), {
      success: true,
      item_id: id,
    });
    const got = proxyBody(await call({ action: 'get', id }));
    assert.equal(got.found, true);
    assert.equal((got.item as Record<string, { S: string }>).message?.S, 'Updated message');
    assert.deepEqual(proxyBody(await call({ action: 'delete', id })), {
      success: true,
      item_id: id,
      deleted: true,
    });
    assert.deepEqual(proxyBody(await call({ action: 'get', id })), {
      success: true,
      item: null,
      found: false,
    });
    // Deleting again is idempotent.
    assert.equal(proxyBody(await call({ action: 'delete', id })).deleted, true);
  });

  test('put keeps a given id; update defaults its message', async () => {
    const id = `given-${randomUUID()}`;
    assert.deepEqual(proxyBody(await call({ action: 'put', id })), { success: true, item_id: id });
    await call({ action: 'update', id });
    const item = proxyBody(await call({ action: 'get', id })).item as Record<string, { S: string }>;
    assert.equal(item.message?.S, 'Updated message');
  });

  test('get of a fresh id: found false, item null (STD-004)', async () => {
    assert.deepEqual(proxyBody(await call({ action: 'get', id: randomUUID() })), {
      success: true,
      item: null,
      found: false,
    });
  });

  test('a missing id is 400 for update, get and delete; an unknown action is 400', async () => {
    for (const action of ['update', 'get', 'delete']) {
      const answer = await call({ action });
      assert.equal(statusOf(answer), 400);
      assert.deepEqual(proxyBody(answer), { success: false, error: 'id is required' });
    }
    const unknown = await call({ action: 'scan' });
    assert.equal(statusOf(unknown), 400);
    assert.deepEqual(proxyBody(unknown), { success: false, error: 'Unknown action: scan' });
  });

  test('a database error is 500 {success:false, error}', async () => {
    let empty: BackingStores | undefined;
    try {
      empty = await startBackingStores({ createTable: false });
      const worker = await startWorker({
        functionName: 'lambda-dynamo',
        port: 0,
        config: readServiceConfigFor(harness, { database: empty.databasePort }),
        faults: new Set(),
      });
      try {
        const answer = await invokeWorker(worker.port, { action: 'get', id: 'x' });
        assert.equal(statusOf(answer), 500);
        const body = proxyBody(answer);
        assert.equal(body.success, false);
        assert.match(
          String(body.error),
          /^An error occurred \(ResourceNotFoundException\) when calling the GetItem operation/,
        );
      } finally {
        await worker.close();
      }
    } finally {
      await empty?.close();
    }
  });
});

describe('lambda-s3', () => {
  const call = (body: unknown) => s3.invoke(proxyEvent('/api/s3', body));

  test('put then get returns the exact content (STD-019); put answers the etag', async () => {
    const key = `test-object-${randomUUID().slice(0, 8)}.txt`;
    const put = proxyBody(
      await call({ action: 'put', bucket: 'e2e-test-bucket', key, body: 'Hello from E2E test!' }),
    );
    assert.deepEqual(
      { ...put, etag: typeof put.etag },
      {
        action: 'put',
        success: true,
        bucket: 'e2e-test-bucket',
        key,
        etag: 'string',
        user: AUTH_USER,
      },
    );
    assert.deepEqual(proxyBody(await call({ action: 'get', bucket: 'e2e-test-bucket', key })), {
      action: 'get',
      success: true,
      bucket: 'e2e-test-bucket',
      key,
      content: 'Hello from E2E test!',
      user: AUTH_USER,
    });
  });

  test('list with and without prefix (STD-020/023)', async () => {
    const prefix = `prefix-test-${randomUUID().slice(0, 8)}/`;
    for (const i of [0, 1, 2])
      await call({
        action: 'put',
        bucket: 'e2e-test-bucket',
        key: `${prefix}file${i}.txt`,
        body: `content${i}`,
      });
    const listed = proxyBody(await call({ action: 'list', bucket: 'e2e-test-bucket', prefix }));
    assert.deepEqual(listed, {
      action: 'list',
      success: true,
      bucket: 'e2e-test-bucket',
      objects: [0, 1, 2].map((i) => `${prefix}file${i}.txt`),
      user: AUTH_USER,
    });
    const all = proxyBody(await call({ action: 'list', bucket: 'e2e-test-bucket' }));
    assert.ok((all.objects as string[]).length >= 3);
  });

  test('overwrite keeps the last content (STD-022); delete then get is a 500 NoSuchKey (STD-021)', async () => {
    const key = `test-overwrite-${randomUUID().slice(0, 8)}.txt`;
    await call({ action: 'put', bucket: 'e2e-test-bucket', key, body: 'original' });
    await call({ action: 'put', bucket: 'e2e-test-bucket', key, body: 'overwritten' });
    assert.equal(
      proxyBody(await call({ action: 'get', bucket: 'e2e-test-bucket', key })).content,
      'overwritten',
    );
    assert.deepEqual(proxyBody(await call({ action: 'delete', bucket: 'e2e-test-bucket', key })), {
      action: 'delete',
      success: true,
      bucket: 'e2e-test-bucket',
      key,
      user: AUTH_USER,
    });
    const missing = await call({ action: 'get', bucket: 'e2e-test-bucket', key });
    assert.equal(statusOf(missing), 500);
    const body = proxyBody(missing);
    assert.equal(body.success, false);
    assert.equal(body.action, 'get');
    assert.equal(body.user, AUTH_USER);
    assert.match(String(body.error), /NoSuchKey/);
  });

  test('defaults: bucket test-bucket, key test-key.txt, data from data then Hello from Lambda!', async () => {
    assert.equal(proxyBody(await call({ action: 'create_bucket' })).success, true);
    // Creating a bucket that is already ours is still a success.
    assert.deepEqual(proxyBody(await call({ action: 'create_bucket' })), {
      action: 'create_bucket',
      success: true,
      bucket: 'test-bucket',
      user: AUTH_USER,
    });
    await call({ action: 'put', data: 'from data' });
    assert.equal(proxyBody(await call({ action: 'get' })).content, 'from data');
    await call({ action: 'put' });
    assert.equal(proxyBody(await call({ action: 'get' })).content, 'Hello from Lambda!');
  });

  test('test (the default) lists buckets; unknown actions are 200 success:false', async () => {
    const listed = proxyBody(await call({}));
    assert.equal(listed.action, 'test');
    assert.equal(listed.success, true);
    assert.ok((listed.buckets as string[]).includes('e2e-test-bucket'));
    const unknown = await call({ action: 'copy' });
    assert.equal(statusOf(unknown), 200);
    assert.deepEqual(proxyBody(unknown), {
      action: 'copy',
      success: false,
      error: 'Unknown action: copy',
      user: AUTH_USER,
    });
    assert.equal(proxyBody(await s3.invoke({ action: 'copy' })).user, 'anonymous');
  });

  test('logs Received event: action=<a> with function s3-integration', async () => {
    await harness.takeRecords();
    await call({ action: 'list', bucket: 'e2e-test-bucket' });
    const records = (await harness.takeRecords()).map(stable);
    assert.equal(records.length, 1);
    assert.deepEqual(
      { ...records[0], location: 'x' },
      {
        level: 'INFO',
        message: 'Received event: action=list',
        function: 's3-integration',
        logger: 'root',
        location: 'x',
        container_name: 'lambda-s3',
        job: 'lambda',
      },
    );
  });
});
