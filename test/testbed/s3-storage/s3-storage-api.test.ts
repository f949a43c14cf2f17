import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { E2E_BUCKET_NAME } from '../../../testbed/functions/function-catalog.ts';
import type { RunningS3Storage } from '../../../testbed/services/s3-storage/s3-storage-server.ts';
import { ACCESS_KEY, makeDataDir, s3Client, s3Failure, startStorage } from './s3-storage-helpers.ts';

describe('s3-storage: S3 API and bucket lifecycle', () => {
  let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
  let storage: RunningS3Storage;
  let s3: S3Client;

  before(async () => {
    dataDir = await makeDataDir();
    storage = await startStorage(dataDir.path);
    s3 = s3Client(storage.port);
  });
  after(async () => {
    s3.destroy();
    await storage.close();
    await dataDir.remove();
  });

  it('provisions e2e-test-bucket with the 7-day expiration rule (STD-024)', async () => {
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME }));
    assert.equal(lifecycle.Rules?.length, 1);
    const [rule] = lifecycle.Rules ?? [];
    assert.equal(rule?.Status, 'Enabled');
    assert.equal(rule?.Expiration?.Days, 7);
    assert.equal(typeof rule?.Expiration?.Days, 'number');
    assert.equal(rule?.Filter?.Prefix, '');
    assert.equal(rule?.ID, undefined);
  });

  it('answers the raw lifecycle document as S3 XML in the S3 namespace', async () => {
    // A signed raw GET is what STD-024's client sends; the SDK's middleware lets us read the raw body.
    const raw = await rawLifecycleBody(s3, E2E_BUCKET_NAME);
    assert.match(raw, /<LifecycleConfiguration xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/);
    assert.match(raw, /<Expiration><Days>7<\/Days><\/Expiration>/);
  });

  it('lists the provisioned bucket', async () => {
    const buckets = await s3.send(new ListBucketsCommand({}));
    assert.ok(buckets.Buckets?.some((bucket) => bucket.Name === E2E_BUCKET_NAME));
  });

  it('puts, gets, overwrites, lists by prefix and deletes objects', async () => {
    const Bucket = E2E_BUCKET_NAME;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/a.txt', Body: 'first' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/b.txt', Body: 'second' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'other/c.txt', Body: 'third' }));
    assert.equal(await readText(s3, Bucket, 'docs/a.txt'), 'first');

    await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/a.txt', Body: 'overwritten' }));
    assert.equal(await readText(s3, Bucket, 'docs/a.txt'), 'overwritten');

    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'docs/' }));
    assert.deepEqual(listed.Contents?.map((object) => object.Key).sort(), ['docs/a.txt', 'docs/b.txt']);

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'docs/a.txt' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const missing = await s3Failure(s3.send(new GetObjectCommand({ Bucket, Key: 'docs/a.txt' })));
    assert.deepEqual(missing, { name: 'NoSuchKey', status: 404 });
    // DeleteObject is idempotent.
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'docs/a.txt' }));
  });

  it('keeps keys with spaces and reserved characters intact (signature canonicalisation)', async () => {
    const Key = "dir with space/it's (1) + 100%*~.txt";
    await s3.send(new PutObjectCommand({ Bucket: E2E_BUCKET_NAME, Key, Body: 'odd key' }));
    assert.equal(await readText(s3, E2E_BUCKET_NAME, Key), 'odd key');
  });

  it('puts, replaces and deletes a lifecycle configuration on another bucket', async () => {
    const Bucket = 'lifecycle-bucket';
    await s3.send(new CreateBucketCommand({ Bucket }));
    const none = await s3Failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    assert.deepEqual(none, { name: 'NoSuchLifecycleConfiguration', status: 404 });

    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [
            { ID: 'logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } },
            { ID: 'tmp', Status: 'Disabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
          ],
        },
      }),
    );
    const stored = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    assert.deepEqual(
      stored.Rules?.map((rule) => [rule.ID, rule.Status, rule.Filter?.Prefix, rule.Expiration?.Days]),
      [
        ['logs', 'Enabled', 'logs/', 30],
        ['tmp', 'Disabled', 'tmp/', 1],
      ],
    );

    const removed = await s3.send(new DeleteBucketLifecycleCommand({ Bucket }));
    assert.equal(removed.$metadata.httpStatusCode, 204);
    const gone = await s3Failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    assert.deepEqual(gone, { name: 'NoSuchLifecycleConfiguration', status: 404 });
  });

  it('refuses a lifecycle configuration without rules (MalformedXML)', async () => {
    const failure = await s3Failure(
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: E2E_BUCKET_NAME,
          LifecycleConfiguration: { Rules: [] },
        }),
      ),
    );
    assert.deepEqual(failure, { name: 'MalformedXML', status: 400 });
    const kept = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME }));
    assert.equal(kept.Rules?.[0]?.Expiration?.Days, 7);
  });

  it('answers NoSuchBucket for the lifecycle of a missing bucket', async () => {
    const failure = await s3Failure(
      s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'no-such-bucket' })),
    );
    assert.deepEqual(failure, { name: 'NoSuchBucket', status: 404 });
  });

  it('forgets a deleted bucket’s lifecycle, so a re-created bucket starts without one', async () => {
    const Bucket = 'short-lived';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [{ Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 3 } }],
        },
      }),
    );
    await s3.send(new DeleteBucketCommand({ Bucket }));
    await s3.send(new CreateBucketCommand({ Bucket }));
    const failure = await s3Failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    assert.equal(failure.name, 'NoSuchLifecycleConfiguration');
  });

  it('rejects a request signed with the wrong secret', async () => {
    const intruder = s3Client(storage.port, { accessKeyId: ACCESS_KEY, secretAccessKey: 'wrong-secret' });
    try {
      const objects = await s3Failure(intruder.send(new ListObjectsV2Command({ Bucket: E2E_BUCKET_NAME })));
      assert.deepEqual(objects, { name: 'SignatureDoesNotMatch', status: 403 });
      const lifecycle = await s3Failure(
        intruder.send(new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME })),
      );
      assert.deepEqual(lifecycle, { name: 'SignatureDoesNotMatch', status: 403 });
      const put = await s3Failure(
        intruder.send(new PutObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sneaky.txt', Body: 'x' })),
      );
      assert.equal(put.status, 403);
    } finally {
      intruder.destroy();
    }
    const absent = await s3Failure(
      s3.send(new GetObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sneaky.txt' })),
    );
    assert.equal(absent.name, 'NoSuchKey');
  });

  it('rejects an unknown access key id', async () => {
    const stranger = s3Client(storage.port, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    try {
      const failure = await s3Failure(stranger.send(new HeadBucketCommand({ Bucket: E2E_BUCKET_NAME })));
      assert.equal(failure.status, 403);
    } finally {
      stranger.destroy();
    }
  });

  it('rejects unsigned requests, lifecycle calls included', async () => {
    const base = `http://127.0.0.1:${storage.port}`;
    for (const path of [`/${E2E_BUCKET_NAME}?lifecycle`, `/${E2E_BUCKET_NAME}`, '/']) {
      const response = await fetch(`${base}${path}`);
      const body = await response.text();
      assert.equal(response.status, 403, path);
      assert.match(body, /<Code>AccessDenied<\/Code>/, path);
    }
    const forged = await fetch(`${base}/${E2E_BUCKET_NAME}?lifecycle`, {
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
      },
    });
    await forged.arrayBuffer();
    assert.equal(forged.status, 403);
  });
});

async function readText(s3: S3Client, Bucket: string, Key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return (await object.Body?.transformToString()) ?? '';
}

/** GetBucketLifecycleConfiguration, returning the response body as the server sent it. */
async function rawLifecycleBody(s3: S3Client, Bucket: string): Promise<string> {
  let raw = '';
  const command = new GetBucketLifecycleConfigurationCommand({ Bucket });
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { body: NodeJS.ReadableStream };
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
      raw = Buffer.concat(chunks).toString('utf8');
      response.body = Readable.from([Buffer.from(raw)]);
      return result;
    },
    { step: 'deserialize', name: 'captureRawBody', priority: 'low' },
  );
  await s3.send(command);
  return raw;
}
