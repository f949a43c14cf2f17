import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { E2E_BUCKET_NAME } from '../../../testbed/functions/function-catalog.ts';
import { makeDataDir, s3Client, startStorage } from './s3-storage-helpers.ts';

describe('s3-storage: data survives a restart', () => {
  let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    dataDir = await makeDataDir();
  });
  after(() => dataDir.remove());

  it('keeps objects and lifecycle configurations across close and start with the same data directory', async () => {
    const first = await startStorage(dataDir.path);
    const writer = s3Client(first.port);
    try {
      await writer.send(
        new PutObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'kept/object.txt', Body: 'persisted' }),
      );
      await writer.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
      await writer.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'kept-bucket',
          LifecycleConfiguration: {
            Rules: [{ ID: 'month', Status: 'Enabled', Filter: { Prefix: 'a/' }, Expiration: { Days: 30 } }],
          },
        }),
      );
    } finally {
      writer.destroy();
      await first.close();
    }

    const second = await startStorage(dataDir.path);
    const reader = s3Client(second.port);
    try {
      const object = await reader.send(
        new GetObjectCommand({ Bucket: E2E_BUCKET_NAME, Key: 'kept/object.txt' }),
      );
      assert.equal(await object.Body?.transformToString(), 'persisted');
      const kept = await reader.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'kept-bucket' }));
      assert.equal(kept.Rules?.[0]?.ID, 'month');
      assert.equal(kept.Rules?.[0]?.Expiration?.Days, 30);
      const provisioned = await reader.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME }),
      );
      assert.equal(provisioned.Rules?.[0]?.Expiration?.Days, 7);
    } finally {
      reader.destroy();
      await second.close();
    }
  });

  it('puts the provisioned rule back on start, as a deploy would', async () => {
    const first = await startStorage(dataDir.path);
    const client = s3Client(first.port);
    try {
      await client.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: E2E_BUCKET_NAME,
          LifecycleConfiguration: {
            Rules: [{ Status: 'Disabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }],
          },
        }),
      );
    } finally {
      client.destroy();
      await first.close();
    }
    const second = await startStorage(dataDir.path);
    const reader = s3Client(second.port);
    try {
      const lifecycle = await reader.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: E2E_BUCKET_NAME }),
      );
      assert.deepEqual(
        lifecycle.Rules?.map((rule) => [rule.Status, rule.Expiration?.Days]),
        [['Enabled', 7]],
      );
    } finally {
      reader.destroy();
      await second.close();
    }
  });
});
