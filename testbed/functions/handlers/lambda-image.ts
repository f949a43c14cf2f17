import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FunctionContext, InvocationType } from '../../services/worker/function-context.ts';
import { E2E_BUCKET_NAME } from '../function-catalog.ts';
import { botocoreCall } from './aws-error-text.ts';
import { isJsonObject, type JsonObject, pythonStr } from './python-values.ts';

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

/**
 * A non-empty string field, else the default. The Java image (containerd from ESB 2026-03-02 on) trims its
 * inputs first, so a blank value falls back too (contract-head §4.2).
 */
type StringField = (payload: JsonObject, key: string, fallback: string) => string;

function stringField(java: boolean): StringField {
  return (payload, key, fallback) => {
    const raw = payload[key];
    const value = typeof raw === 'string' && java ? raw.trim() : raw;
    return typeof value === 'string' && value !== '' ? value : fallback;
  };
}

async function chainInvoke(
  ctx: FunctionContext,
  payload: JsonObject,
  nonEmpty: StringField,
): Promise<JsonObject> {
  const target = nonEmpty(payload, 'target', 'lambda-echo');
  const type: InvocationType = payload.async === true ? 'Event' : 'RequestResponse';
  const answer = await ctx.invoke(target, { message: nonEmpty(payload, 'message', 'hello-image') }, type);
  const chain: JsonObject = { target, invocation_type: type, status_code: answer.statusCode };
  if (type === 'RequestResponse') {
    let child: unknown = answer.payload;
    try {
      child = JSON.parse(answer.payload);
    } catch {
      // Not JSON: the raw text.
    }
    // The Java image keeps only a non-empty object; any other payload stays the raw text.
    chain.child =
      ctx.runtime === 'java' && !(isJsonObject(child) && Object.keys(child).length > 0)
        ? answer.payload
        : (child as JsonObject[string]);
  }
  return chain;
}

async function s3Roundtrip(
  ctx: FunctionContext,
  payload: JsonObject,
  nonEmpty: StringField,
): Promise<JsonObject> {
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
 * lambda-image (contract §4.2): at the seed a container image wrapped with the Python hooks; from ESB 2026-03-02
 * on a Python image on docker and a Java one on containerd (the worker's runtime says which, its `handler` names
 * it). Answers a plain object (no `statusCode`), even on failure (`success:false`, still HTTP 200). The default
 * action is `echo`.
 */
export async function lambdaImage(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const java = ctx.runtime === 'java';
  const nonEmpty = stringField(java);
  const handler = ctx.esb.imageHandler[ctx.runtime];
  const payload = parsePayload(event);
  const action = nonEmpty(payload, 'action', 'echo');
  // Fault image-success-false: every answer reports failure.
  const response: JsonObject = { success: !ctx.faultActive('image-success-false'), action, handler };
  try {
    if (action === 'chain_invoke') response.chain = await chainInvoke(ctx, payload, nonEmpty);
    else if (action === 's3_roundtrip') response.s3 = await s3Roundtrip(ctx, payload, nonEmpty);
    else if (action === 'test_cloudwatch') {
      const marker = nonEmpty(payload, 'marker', `image-cloudwatch-${randomUUID().replaceAll('-', '')}`);
      response.cloudwatch = await writeCloudWatchLog(ctx, marker);
      ctx.print(JSON.stringify({ level: 'INFO', message: marker, function: 'lambda-image' }));
    } else response.message = nonEmpty(payload, 'message', 'hello-image');
  } catch (error) {
    // The Java image's error is the exception's string form: its class, then its message.
    const message = (error as Error).message;
    return {
      success: false,
      action,
      handler,
      error: java ? `${(error as Error).name}: ${message}` : message,
    };
  }
  return response;
}
