import type { JsonValue } from '../language/model/steps.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';
import { toPlainJson } from './plain-json.ts';

const NAME = 's3_bucket_lifecycle';

/**
 * What an unset or blank RUSTFS_ACCESS_KEY/RUSTFS_SECRET_KEY means: ESB's client fell back to esb/esb until
 * 2026-03-02, then required both.
 */
const MISSING_CREDENTIALS = ['esb', 'fail'] as const;
type MissingCredentials = (typeof MISSING_CREDENTIALS)[number];

/** A credential from the client environment, trimmed; `missing` says what an unset or blank one means. */
function credential(
  env: Readonly<Record<string, string>>,
  name: string,
  missing: MissingCredentials,
): string {
  const value = env[name]?.trim();
  if (value !== undefined && value !== '') return value;
  if (missing === 'esb') return 'esb';
  throw new Error(`hook ${NAME}: ${name} is required: export it (the S3 client has no default credentials)`);
}

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
      missing_credentials: {
        type: 'string',
        description:
          'what an unset RUSTFS_ACCESS_KEY/RUSTFS_SECRET_KEY means: esb (the esb/esb fallback, the default) or fail (<KEY> is required); a template may choose',
      },
    },
    required: ['bucket'],
    additionalProperties: false,
  },
  exampleWith: { bucket: 'e2e-test-bucket' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const bucket = stringArg(args, 'bucket', NAME);
    const missing = args.missing_credentials ?? 'esb';
    if (!(MISSING_CREDENTIALS as readonly unknown[]).includes(missing))
      throw new Error(
        `hook ${NAME}: 'with.missing_credentials' must be one of ${MISSING_CREDENTIALS.join(', ')}, got ${JSON.stringify(missing)}`,
      );
    const credentials = {
      accessKeyId: credential(ctx.env, 'RUSTFS_ACCESS_KEY', missing as MissingCredentials),
      secretAccessKey: credential(ctx.env, 'RUSTFS_SECRET_KEY', missing as MissingCredentials),
    };
    const endpoint = `http://localhost:${ctx.env.PORT_S3 || '9000'}`;
    // Loaded on first use: the SDK costs every node:test entry process half a second otherwise.
    const { GetBucketLifecycleConfigurationCommand, S3Client } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
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
