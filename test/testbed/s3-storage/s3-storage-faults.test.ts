import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { E2E_BUCKET_NAME } from '../../../testbed/functions/function-catalog.ts';
import { makeDataDir, s3Client, s3Failure, startStorage } from './s3-storage-helpers.ts';

describe('s3-storage: fault switches', () => {
  let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    dataDir = await makeDataDir();
  });
  after(() => dataDir.remove());

  it('s3-delete-noop: DeleteObject answers 204 and the object stays', async () => {
    const storage = await startStorage(dataDir.path, ['s3-delete-noop']);
    const s3 = s3Client(storage.port);
    try {
      await s3.send(new PutObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sticky.txt', Body: 'still here' }));
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sticky.txt' }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      const object = await s3.send(new GetObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sticky.txt' }));
      assert.equal(await object.Body?.transformToString(), 'still here');
    } finally {
      s3.destroy();
      await storage.close();
    }
  });

  it('lifecycle-rule-missing: the bucket exists without a lifecycle, even over a healthy data directory', async () => {
    // dataDir already holds the provisioned rule from a start without the fault (the test above).
    const storage = await startStorage(dataDir.path, ['lifecycle-rule-missing']);
    const s3 = s3Client(storage.port);
    try {
      await s3.send(new HeadBucketCommand({ Bucket: E2E_BUCKET_NAME }));
      const failure = await s3Failure(
        s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME })),
      );
      assert.deepEqual(failure, { name: 'NoSuchLifecycleConfiguration', status: 404 });
    } finally {
      s3.destroy();
      await storage.close();
    }
  });

  it('a start without faults restores the rule and real deletes', async () => {
    const storage = await startStorage(dataDir.path);
    const s3 = s3Client(storage.port);
    try {
      const lifecycle = await s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME }),
      );
      assert.equal(lifecycle.Rules?.[0]?.Expiration?.Days, 7);
      await s3.send(new DeleteObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sticky.txt' }));
      const gone = await s3Failure(
        s3.send(new GetObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'sticky.txt' })),
      );
      assert.equal(gone.name, 'NoSuchKey');
    } finally {
      s3.destroy();
      await storage.close();
    }
  });
});
