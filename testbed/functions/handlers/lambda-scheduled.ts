import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { E2E_TABLE_NAME } from '../function-catalog.ts';
import { botocoreCall } from './aws-error-text.ts';
import { toAttributeValue } from './dynamo-attribute-value.ts';
import { pythonProxyResponse } from './proxy-response.ts';

/** `datetime.utcnow().isoformat()`: naive UTC, microseconds, no zone suffix. */
function naiveUtcIso(now: Date): string {
  return `${now.toISOString().slice(0, 23)}000`;
}

/**
 * lambda-scheduled (python, no route; contract §4.2, §8): the scheduler's target. Each run overwrites the
 * item `scheduled-run` in `e2e-test-table` with the run time and the event it was given.
 */
export async function lambdaScheduled(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const lastRun = naiveUtcIso(new Date());
  await botocoreCall('PutItem', () =>
    ctx.dynamoDb.send(
      new PutItemCommand({
        TableName: E2E_TABLE_NAME,
        Item: { id: { S: 'scheduled-run' }, last_run: { S: lastRun }, event: toAttributeValue(event) },
      }),
    ),
  );
  return pythonProxyResponse(200, { success: true, id: 'scheduled-run', last_run: lastRun });
}
