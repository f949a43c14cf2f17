import assert from 'node:assert/strict';
import { GetBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import type { ContractProbe } from '../probe-types.ts';

export const s3LifecycleProbes: ContractProbe[] = [
  {
    name: 's3 lifecycle: e2e-test-bucket has an Enabled rule expiring after 7 days',
    section: '§9 STD-024',
    async run(ctx) {
      const client = new S3Client({
        endpoint: `http://127.0.0.1:${ctx.env.PORT_S3}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: ctx.env.RUSTFS_ACCESS_KEY ?? 'esb',
          secretAccessKey: ctx.env.RUSTFS_SECRET_KEY ?? 'esb',
        },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      try {
        const answer = await client.send(
          new GetBucketLifecycleConfigurationCommand({ Bucket: 'e2e-test-bucket' }),
        );
        const rules = answer.Rules ?? [];
        assert.ok(rules.length > 0, 'the lifecycle configuration has no rules');
        assert.ok(
          rules.some((r) => r.Status === 'Enabled' && r.Expiration?.Days === 7),
          `no Enabled rule with Expiration.Days 7: ${JSON.stringify(rules)}`,
        );
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.fail(
          `reading the bucket lifecycle failed: ${(error as Error).name}: ${(error as Error).message}`,
        );
      } finally {
        client.destroy();
      }
    },
  },
];
