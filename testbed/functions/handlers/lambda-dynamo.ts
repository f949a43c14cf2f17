import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { E2E_TABLE_NAME } from '../function-catalog.ts';
import { botocoreCall } from './aws-error-text.ts';
import { type ProxyResponse, pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, type JsonObject, pythonStr, pythonTruthy } from './python-values.ts';

const DEFAULT_MESSAGE = 'Hello from ScyllaDB Lambda';

const epochSeconds = (): string => String(Math.floor(Date.now() / 1000));

async function putItem(ctx: FunctionContext, id: string, message: string): Promise<void> {
  await botocoreCall('PutItem', () =>
    ctx.dynamoDb.send(
      new PutItemCommand({
        TableName: E2E_TABLE_NAME,
        Item: { id: { S: id }, timestamp: { N: epochSeconds() }, message: { S: message } },
      }),
    ),
  );
}

async function getItem(ctx: FunctionContext, id: string): Promise<JsonObject | null> {
  const answer = await botocoreCall('GetItem', () =>
    ctx.dynamoDb.send(new GetItemCommand({ TableName: E2E_TABLE_NAME, Key: { id: { S: id } } })),
  );
  return answer.Item ?? null;
}

const idRequired = (): ProxyResponse => pythonProxyResponse(400, { success: false, error: 'id is required' });

async function runAction(action: unknown, body: JsonObject, ctx: FunctionContext): Promise<ProxyResponse> {
  const id = dictGet(body, 'id');
  const message = pythonStr(dictGet(body, 'message', DEFAULT_MESSAGE));
  switch (action) {
    case 'put_get': {
      const itemId = randomUUID();
      await putItem(ctx, itemId, message);
      return pythonProxyResponse(200, {
        success: true,
        item_id: itemId,
        retrieved_item: await getItem(ctx, itemId),
      });
    }
    case 'put': {
      const itemId = pythonTruthy(id) ? pythonStr(id) : randomUUID();
      await putItem(ctx, itemId, message);
      return pythonProxyResponse(200, { success: true, item_id: itemId });
    }
    case 'update': {
      if (!pythonTruthy(id)) return idRequired();
      const itemId = pythonStr(id);
      // Fault dynamo-update-noop: the update answers success without writing anything.
      if (!ctx.faultActive('dynamo-update-noop'))
        await botocoreCall('UpdateItem', () =>
          ctx.dynamoDb.send(
            new UpdateItemCommand({
              TableName: E2E_TABLE_NAME,
              Key: { id: { S: itemId } },
              // `timestamp` is a DynamoDB reserved word.
              UpdateExpression: 'SET #message = :message, #timestamp = :timestamp',
              ExpressionAttributeNames: { '#message': 'message', '#timestamp': 'timestamp' },
              ExpressionAttributeValues: {
                ':message': { S: pythonStr(dictGet(body, 'message', 'Updated message')) },
                ':timestamp': { N: epochSeconds() },
              },
            }),
          ),
        );
      return pythonProxyResponse(200, { success: true, item_id: itemId });
    }
    case 'get': {
      if (!pythonTruthy(id)) return idRequired();
      const item = await getItem(ctx, pythonStr(id));
      return pythonProxyResponse(200, { success: true, item, found: item !== null });
    }
    case 'delete': {
      if (!pythonTruthy(id)) return idRequired();
      const itemId = pythonStr(id);
      await botocoreCall('DeleteItem', () =>
        ctx.dynamoDb.send(new DeleteItemCommand({ TableName: E2E_TABLE_NAME, Key: { id: { S: itemId } } })),
      );
      return pythonProxyResponse(200, { success: true, item_id: itemId, deleted: true });
    }
    default:
      return pythonProxyResponse(400, { success: false, error: `Unknown action: ${pythonStr(action)}` });
  }
}

/**
 * lambda-dynamo (python, `/api/dynamo`; contract §4.2): item CRUD on `e2e-test-table`, answering items in
 * low-level attribute-value JSON; the default action is `put_get`.
 */
export async function lambdaDynamo(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  try {
    return await runAction(dictGet(body, 'action', 'put_get'), body, ctx);
  } catch (error) {
    return pythonProxyResponse(500, { success: false, error: (error as Error).message });
  }
}
