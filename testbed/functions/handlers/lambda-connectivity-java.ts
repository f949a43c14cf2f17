import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { E2E_BUCKET_NAME, E2E_TABLE_NAME } from '../function-catalog.ts';
import { parseJavaEventBody } from './java-event-body.ts';
import { javaProxyResponse } from './proxy-response.ts';
import { isJsonObject, type JsonObject } from './python-values.ts';

const LOG_GROUP = '/aws/lambda/java-connectivity';

/** A string field, or the default when it is absent, null or blank (Java's null/isBlank checks). */
function text(body: JsonObject, key: string, fallback: string): string {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  const asText = typeof value === 'string' ? value : JSON.stringify(value);
  return asText.trim() === '' ? fallback : asText;
}

/** The four PutLogEvents events whose records RTJ-003 counts (contract §4.4). */
async function writeCloudWatchEvents(ctx: FunctionContext): Promise<JsonObject> {
  const logStream = `test-stream-${Date.now()}`;
  await ctx.createLogGroup(LOG_GROUP).catch(() => {});
  await ctx.createLogStream(LOG_GROUP, logStream).catch(() => {});
  const now = Date.now();
  await ctx.putLogEvents(LOG_GROUP, logStream, [
    { timestamp: now, message: 'Java CloudWatch log test' },
    { timestamp: now + 1, message: '[DEBUG] Debug log from java connectivity' },
    { timestamp: now + 2, message: '[ERROR] Error log from java connectivity' },
    { timestamp: now + 3, message: 'CloudWatch Logs E2E verification successful!' },
  ]);
  return { success: true, action: 'test_cloudwatch', log_group: LOG_GROUP, log_stream: logStream };
}

async function invokeChild(
  ctx: FunctionContext,
  action: string,
  body: JsonObject,
  defaultMessage: string,
): Promise<JsonObject> {
  const target = text(body, 'target', 'lambda-echo');
  const answer = await ctx.invoke(
    target,
    { message: text(body, 'message', defaultMessage) },
    'RequestResponse',
  );
  let child: unknown = answer.payload;
  try {
    const parsed: unknown = JSON.parse(answer.payload);
    // The Java fixture reads the payload as a map; anything else stays raw text.
    if (isJsonObject(parsed)) child = parsed;
  } catch {
    // Raw text.
  }
  return { success: true, action, child };
}

async function runAction(action: string, body: JsonObject, ctx: FunctionContext): Promise<JsonObject> {
  switch (action) {
    case 'echo':
      return { success: true, action, message: `Echo: ${text(body, 'message', 'hello')}` };
    case 'dynamodb_put':
      await ctx.dynamoDb.send(
        new PutItemCommand({
          TableName: E2E_TABLE_NAME,
          Item: {
            id: { S: text(body, 'key', 'java-connectivity') },
            value: { S: text(body, 'value', 'ok') },
          },
        }),
      );
      return { success: true, action };
    case 's3_put': {
      const bucket = text(body, 'bucket', E2E_BUCKET_NAME);
      await ctx.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => {});
      await ctx.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: text(body, 'key', 'java-connectivity.txt'),
          Body: text(body, 'content', 'ok'),
        }),
      );
      return { success: true, action };
    }
    case 'chain_invoke':
      return invokeChild(ctx, action, body, 'from-java');
    case 'lambda_invoke':
      return invokeChild(ctx, action, body, 'hello-from-java');
    case 'test_cloudwatch':
      return writeCloudWatchEvents(ctx);
    default:
      return { success: true, action };
  }
}

/**
 * lambda-connectivity-java (java21, `/api/connectivity/java`; contract §4.2): the Python connectivity
 * contract with Java defaults; the default action is `hello`, and `lambda_invoke` is an extra chain action.
 */
export async function lambdaConnectivityJava(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const body = parseJavaEventBody(event);
  const action = text(body, 'action', 'hello');
  try {
    return javaProxyResponse(200, await runAction(action, body, ctx));
  } catch (error) {
    return javaProxyResponse(500, { success: false, action, error: (error as Error).message });
  }
}
