import type { JsonValue } from '../language/model/steps.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';
import { toPlainJson } from './plain-json.ts';

const NAME = 's3_bucket_lifecycle';

/**
 * A direct GetBucketLifecycleConfiguration (contract §9, STD-024): path-style SigV4 on http://localhost:$PORT_S3
 * with RUSTFS_ACCESS_KEY/RUSTFS_SECRET_KEY. Checksums only when required: S3 stand-ins (RustFS, the testbed)
 * do not all send the checksum headers the SDK would otherwise validate.
 */
export const s3BucketLifecycle: HookDefinition = {
  name: NAME,
  scope: 'read-only',
  // one S3 request.
  timeoutSeconds: 30,
  description: "an S3 bucket's lifecycle configuration: {Rules: [{Status, Filter, Expiration: {Days}}, …]}",
  withSchema: {
    type: 'object',
    properties: {
      bucket: { type: 'string', minLength: 1, description: 'bucket name, e.g. e2e-test-bucket' },
    },
    required: ['bucket'],
    additionalProperties: false,
  },
  exampleWith: { bucket: 'e2e-test-bucket' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const bucket = stringArg(args, 'bucket', NAME);
    const endpoint = `http://localhost:${ctx.env.PORT_S3 || '9000'}`;
    // Loaded on first use: the SDK costs every node:test entry process half a second otherwise.
    const { GetBucketLifecycleConfigurationCommand, S3Client } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: ctx.env.RUSTFS_ACCESS_KEY || 'esb',
        secretAccessKey: ctx.env.RUSTFS_SECRET_KEY || 'esb',
      },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });
    try {
      const answer = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }), {
        abortSignal: ctx.signal,
      });
      return { Rules: toPlainJson(answer.Rules ?? []) };
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(
        `hook ${NAME}: reading the lifecycle configuration of bucket '${bucket}' at ${endpoint} failed: ${detail} ` +
          '(the endpoint comes from PORT_S3, the credentials from RUSTFS_ACCESS_KEY and RUSTFS_SECRET_KEY)',
        { cause: error },
      );
    } finally {
      s3.destroy();
    }
  },
};
