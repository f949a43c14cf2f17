import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { botocoreCall } from './aws-error-text.ts';
import { callerUsername } from './caller-username.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, type JsonObject, pythonInt, pythonStr } from './python-values.ts';

/** Bucket errors that mean "it is already there, and it is ours". */
const ALREADY_OWNED = new Set(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists']);

async function runAction(action: unknown, body: JsonObject, ctx: FunctionContext): Promise<JsonObject> {
  const bucket = pythonStr(dictGet(body, 'bucket', 'test-bucket'));
  const key = pythonStr(dictGet(body, 'key', 'test-key.txt'));
  switch (action) {
    case 'put': {
      const data = pythonStr(dictGet(body, 'body', dictGet(body, 'data', 'Hello from Lambda!')));
      const answer = await botocoreCall('PutObject', () =>
        ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data })),
      );
      return { action: 'put', success: true, bucket, key, etag: answer.ETag ?? null };
    }
    case 'get': {
      const answer = await botocoreCall('GetObject', () =>
        ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
      );
      const content = (await answer.Body?.transformToString('utf-8')) ?? '';
      return { action: 'get', success: true, bucket, key, content };
    }
    case 'list': {
      const prefix = pythonStr(dictGet(body, 'prefix', ''));
      const answer = await botocoreCall('ListObjectsV2', () =>
        ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix })),
      );
      return { action: 'list', success: true, bucket, objects: (answer.Contents ?? []).map((o) => o.Key) };
    }
    case 'delete':
      await botocoreCall('DeleteObject', () =>
        ctx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })),
      );
      return { action: 'delete', success: true, bucket, key };
    case 'create_bucket':
      await botocoreCall('CreateBucket', () =>
        ctx.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
          if (!ALREADY_OWNED.has((error as Error).name)) throw error;
        }),
      );
      return { action: 'create_bucket', success: true, bucket };
    case 'presign_get': {
      // ESB 2026-03-02 on (contract-head §4.2); the seed's lambda-s3 has no such action.
      if (ctx.presignGet === undefined) break;
      const expires = pythonInt(dictGet(body, 'expires_in', 300));
      const url = ctx.presignGet(bucket, key, expires);
      return { action: 'presign_get', success: true, bucket, key, expires_in: expires, url };
    }
    case 'test': {
      const answer = await botocoreCall('ListBuckets', () => ctx.s3.send(new ListBucketsCommand({})));
      return { action: 'test', success: true, buckets: (answer.Buckets ?? []).map((b) => b.Name) };
    }
  }
  return { action, success: false, error: `Unknown action: ${pythonStr(action)}` };
}

/**
 * lambda-s3 (python, `/api/s3`; contract §4.2): object operations on a bucket; every answer carries
 * `action`, `success` and `user`. S3 errors (e.g. NoSuchKey on get) are a 500 with the botocore text.
 */
export async function lambdaS3(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const action = dictGet(body, 'action', 'test');
  const user = callerUsername(event);
  ctx.logger.info(`Received event: action=${pythonStr(action)}`, { function: 's3-integration' });
  try {
    return pythonProxyResponse(200, { ...(await runAction(action, body, ctx)), user });
  } catch (error) {
    return pythonProxyResponse(500, { success: false, error: (error as Error).message, action, user });
  }
}
