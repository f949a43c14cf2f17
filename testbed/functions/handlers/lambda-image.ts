import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FunctionContext, InvocationType } from '../../services/worker/function-context.ts';
import { E2E_BUCKET_NAME } from '../function-catalog.ts';
import { botocoreCall } from './aws-error-text.ts';
import { isJsonObject, type JsonObject, pythonStr } from './python-values.ts';

const HANDLER = 'e2e-minimal-lambda';
/** Top-level event keys the image handler copies into its payload when they are strings. */
const TOP_LEVEL_KEYS = ['action', 'message', 'target', 'bucket', 'key', 'content', 'marker'] as const;

/** The body (string or object) merged with top-level string keys the body does not set. */
function parsePayload(event: unknown): JsonObject {
  if (!isJsonObject(event)) return {};
  const payload: JsonObject = {};
  if (typeof event.body === 'string') {
    try {
      const parsed: unknown = JSON.parse(event.body);
      if (isJsonObject(parsed)) Object.assign(payload, parsed);
    } catch {
      // Invalid JSON adds nothing.
    }
  } else if (isJsonObject(event.body)) Object.assign(payload, event.body);
  for (const key of TOP_LEVEL_KEYS)
    if (!Object.hasOwn(payload, key) && typeof event[key] === 'string') payload[key] = event[key];
  if (!Object.hasOwn(payload, 'async') && typeof event.async === 'boolean') payload.async = event.async;
  return payload;
}

/** A non-empty string field, else the default. */
function nonEmpty(payload: JsonObject, key: string, fallback: string): string {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

async function chainInvoke(ctx: FunctionContext, payload: JsonObject): Promise<JsonObject> {
  const target = nonEmpty(payload, 'target', 'lambda-echo');
  const type: InvocationType = payload.async === true ? 'Event' : 'RequestResponse';
  const answer = await ctx.invoke(target, { message: nonEmpty(payload, 'message', 'hello-image') }, type);
  const chain: JsonObject = { target, invocation_type: type, status_code: answer.statusCode };
  if (type === 'RequestResponse') {
    try {
      chain.child = JSON.parse(answer.payload);
    } catch {
      chain.child = answer.payload;
    }
  }
  return chain;
}

async function s3Roundtrip(ctx: FunctionContext, payload: JsonObject): Promise<JsonObject> {
  const bucket = nonEmpty(payload, 'bucket', E2E_BUCKET_NAME);
  const key = nonEmpty(payload, 'key', `image-${randomUUID().replaceAll('-', '').slice(0, 8)}.txt`);
  const content = pythonStr(Object.hasOwn(payload, 'content') ? payload.content : 'from-image-s3');
  await ctx.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => {});
  await botocoreCall('PutObject', () =>
    ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content })),
  );
  const answer = await botocoreCall('GetObject', () =>
    ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
  );
  return { bucket, key, content: (await answer.Body?.transformToString('utf-8')) ?? '' };
}

async function writeCloudWatchLog(ctx: FunctionContext, marker: string): Promise<JsonObject> {
  const logGroup = '/lambda/image-function';
  const logStream = `image-stream-${Date.now()}`;
  await ctx.createLogGroup(logGroup).catch(() => {});
  await ctx.createLogStream(logGroup, logStream).catch(() => {});
  await ctx.putLogEvents(logGroup, logStream, [{ timestamp: Date.now(), message: `[INFO] ${marker}` }]);
  return { marker, log_group: logGroup, log_stream: logStream };
}

/**
 * lambda-image (container image wrapped with the Python hooks; contract §4.2): answers a plain object (no
 * `statusCode`), even on failure (`success:false`, still HTTP 200). The default action is `echo`.
 */
export async function lambdaImage(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const payload = parsePayload(event);
  const action = nonEmpty(payload, 'action', 'echo');
  // Fault image-success-false: every answer reports failure.
  const response: JsonObject = { success: !ctx.faultActive('image-success-false'), action, handler: HANDLER };
  try {
    if (action === 'chain_invoke') response.chain = await chainInvoke(ctx, payload);
    else if (action === 's3_roundtrip') response.s3 = await s3Roundtrip(ctx, payload);
    else if (action === 'test_cloudwatch') {
      const marker = nonEmpty(payload, 'marker', `image-cloudwatch-${randomUUID().replaceAll('-', '')}`);
      response.cloudwatch = await writeCloudWatchLog(ctx, marker);
      ctx.print(JSON.stringify({ level: 'INFO', message: marker, function: 'lambda-image' }));
    } else response.message = nonEmpty(payload, 'message', 'hello-image');
  } catch (error) {
    return { success: false, action, handler: HANDLER, error: (error as Error).message };
  }
  return response;
}
