import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fetch } from 'undici';
import {
  type InvokeAnswer,
  proxyBody,
  proxyEvent,
  startWorkerHarness,
  type TestWorker,
  type WorkerHarness,
} from './worker-harness.ts';

let harness: WorkerHarness;
let seed: TestWorker;
let head: TestWorker;

before(async () => {
  harness = await startWorkerHarness();
  seed = await harness.start('lambda-s3', { esb: '2026-02-17' });
  head = await harness.start('lambda-s3', { esb: '2026-03-02' });
});
after(() => harness.close());

const statusOf = (answer: InvokeAnswer): number => (answer.json as { statusCode: number }).statusCode;
const call = (worker: TestWorker, body: unknown) => worker.invoke(proxyEvent('/api/s3', body));

describe('lambda-s3 presign_get (ESB 2026-03-02 on)', () => {
  test('the seed has no such action', async () => {
    const answer = await call(seed, { action: 'presign_get', bucket: 'e2e-test-bucket', key: 'k' });
    assert.equal(statusOf(answer), 200);
    assert.deepEqual(proxyBody(answer), {
      action: 'presign_get',
      success: false,
      error: 'Unknown action: presign_get',
      user: 'esb-tester',
    });
  });

  test('answers a path-style localhost:PORT_S3 URL that a plain GET serves, announcing the redirect once', async () => {
    await harness.takeRecords();
    const put = await call(head, {
      action: 'put',
      bucket: 'e2e-test-bucket',
      key: 'p/a b.txt',
      body: 'presign-content',
    });
    assert.equal(statusOf(put), 200);
    const answers = [];
    for (const expires of [120, '60']) {
      const answer = await call(head, {
        action: 'presign_get',
        bucket: 'e2e-test-bucket',
        key: 'p/a b.txt',
        expires_in: expires,
      });
      assert.equal(statusOf(answer), 200);
      answers.push(proxyBody(answer));
    }
    const [first, second] = answers as Record<string, unknown>[];
    assert.deepEqual(Object.keys(first ?? {}), [
      'action',
      'success',
      'bucket',
      'key',
      'expires_in',
      'url',
      'user',
    ]);
    assert.equal(first?.expires_in, 120);
    assert.equal(second?.expires_in, 60);
    const url = new URL(first?.url as string);
    assert.equal(url.host, `localhost:${harness.ports.s3}`);
    assert.equal(url.pathname, '/e2e-test-bucket/p/a%20b.txt');
    assert.equal(url.searchParams.get('X-Amz-Expires'), '120');
    const object = await fetch(url);
    assert.equal(object.status, 200);
    assert.equal(await object.text(), 'presign-content');
    const announced = (await harness.takeRecords()).filter((r) =>
      String(r.message).startsWith('[sitecustomize] Redirecting s3 presign methods to '),
    );
    assert.deepEqual(
      announced.map((r) => [r.message, r.level, r.container_name]),
      [
        [
          `[sitecustomize] Redirecting s3 presign methods to http://localhost:${harness.ports.s3}`,
          'INFO',
          'lambda-s3',
        ],
      ],
    );
  });

  test('an expires_in that int() refuses is a 500 with the Python error', async () => {
    const answer = await call(head, { action: 'presign_get', bucket: 'b', key: 'k', expires_in: 'soon' });
    assert.equal(statusOf(answer), 500);
    assert.match(String(proxyBody(answer).error), /invalid literal for int\(\) with base 10: 'soon'/);
    await harness.takeRecords();
  });
});
