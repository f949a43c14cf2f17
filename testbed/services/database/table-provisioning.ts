import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { E2E_TABLE_NAME } from '../../functions/function-catalog.ts';

/** Creating a table with createTableMs 0 takes one timer tick; this is a generous bound, not an expectation. */
const ACTIVE_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 20;

/**
 * What ESB's provisioner does at deploy time (contract §9): `e2e-test-table`, hash key `id` (S),
 * PAY_PER_REQUEST. An existing table is kept with its items. Resolves once the table is ACTIVE.
 */
export async function provisionE2eTable(client: DynamoDBClient): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: E2E_TABLE_NAME,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: E2E_TABLE_NAME }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new Error(`table ${E2E_TABLE_NAME} is still ${Table?.TableStatus} after ${ACTIVE_TIMEOUT_MS} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
}
