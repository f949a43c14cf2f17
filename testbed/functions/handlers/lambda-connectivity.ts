import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { E2E_BUCKET_NAME, E2E_TABLE_NAME } from '../function-catalog.ts';
import { botocoreCall } from './aws-error-text.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, type JsonObject, pythonStr, pythonTruthy } from './python-values.ts';

const LOG_GROUP = '/lambda/hello-test';

/** The four PutLogEvents events whose records RTP-003 counts (contract §4.4). */
async function writeCloudWatchEvents(ctx: FunctionContext): Promise<JsonObject> {
  const logStream = `test-stream-${Math.floor(Date.now() / 1000)}`;
  await ctx.createLogGroup(LOG_GROUP).catch(() => {});
  await ctx.createLogStream(LOG_GROUP, logStream).catch(() => {});
  const timestampMs = Date.now();
  await ctx.putLogEvents(LOG_GROUP, logStream, [
    { timestamp: timestampMs, message: `[INFO] Test log from Lambda at ${timestampMs}` },
    { timestamp: timestampMs + 1, message: '[DEBUG] This is a debug message' },
    { timestamp: timestampMs + 2, message: '[ERROR] This is an error message' },
    { timestamp: timestampMs + 3, message: 'CloudWatch Logs E2E verification successful!' },
  ]);
  return { success: true, action: 'test_cloudwatch', log_stream: logStream, log_group: LOG_GROUP };
}

async function runAction(action: unknown, body: JsonObject, ctx: FunctionContext): Promise<JsonObject> {
  switch (action) {
    case 'echo':
      return {
        success: true,
        action: 'echo',
        message: `Echo: ${pythonStr(dictGet(body, 'message', 'hello'))}`,
      };
    case 'dynamodb_put': {
      const item = {
        id: { S: pythonStr(dictGet(body, 'key', 'python-smoke')) },
        value: { S: pythonStr(dictGet(body, 'value', 'ok')) },
      };
      // E2E_TABLE_NAME is never set for the fixtures, so the table is always the E2E one.
      await botocoreCall('PutItem', () =>
        ctx.dynamoDb.send(new PutItemCommand({ TableName: E2E_TABLE_NAME, Item: item })),
      );
      return { success: true, action: 'dynamodb_put' };
    }
    case 's3_put': {
      const bucket = pythonStr(dictGet(body, 'bucket', E2E_BUCKET_NAME));
      const key = pythonStr(dictGet(body, 'key', 'python-connectivity.txt'));
      const content = pythonStr(dictGet(body, 'content', 'ok'));
      await ctx.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => {});
      await botocoreCall('PutObject', () =>
        ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content })),
      );
      return { success: true, action: 's3_put' };
    }
    case 'chain_invoke': {
      const target = pythonStr(dictGet(body, 'target', 'lambda-echo'));
      const message = pythonTruthy(body.message) ? body.message : 'from-python';
      const answer = await ctx.invoke(target, { message }, 'RequestResponse');
      let child: unknown;
      try {
        child = JSON.parse(answer.payload);
      } catch {
        child = answer.payload;
      }
      return { success: true, action: 'chain_invoke', child };
    }
    case 'test_cloudwatch':
      return writeCloudWatchEvents(ctx);
    default:
      return { success: true, action };
  }
}

/**
 * lambda-connectivity (python, `/api/connectivity/python`; contract §4.2): one action per call against the
 * database, S3, the Invoke API or CloudWatch Logs; the default action is `echo`. Any failure is a 500 with
 * `success:false`.
 */
export async function lambdaConnectivity(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const action = dictGet(body, 'action', 'echo');
  ctx.logger.info(`Processing action: ${pythonStr(action)}`);
  try {
    return pythonProxyResponse(200, await runAction(action, body, ctx));
  } catch (error) {
    return pythonProxyResponse(500, { success: false, action, error: (error as Error).message });
  }
}
