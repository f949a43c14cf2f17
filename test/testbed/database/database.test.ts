import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { E2E_TABLE_NAME } from '../../../testbed/functions/function-catalog.ts';
import { type RunningDatabase, startDatabase } from '../../../testbed/services/database/database-server.ts';

function dynamoClient(port: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

describe('database: DynamoDB API with e2e-test-table', () => {
  let dataDir: string;
  let database: RunningDatabase;
  let dynamo: DynamoDBClient;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'esb-testbed-db-'));
    database = await startDatabase({ port: 0, host: '127.0.0.1', dataDir });
    dynamo = dynamoClient(database.port);
  });
  after(async () => {
    dynamo.destroy();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has e2e-test-table, ACTIVE, hash key id (S), PAY_PER_REQUEST', async () => {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: E2E_TABLE_NAME }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.deepEqual(Table?.AttributeDefinitions, [{ AttributeName: 'id', AttributeType: 'S' }]);
    assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  });

  it('puts, gets, updates and deletes an item', async () => {
    const TableName = E2E_TABLE_NAME;
    const Key = { id: { S: 'round-trip' } };
    await dynamo.send(
      new PutItemCommand({
        TableName,
        Item: { ...Key, message: { S: 'Original message' }, timestamp: { N: '1' } },
      }),
    );
    const put = await dynamo.send(new GetItemCommand({ TableName, Key }));
    assert.deepEqual(put.Item, {
      id: { S: 'round-trip' },
      message: { S: 'Original message' },
      timestamp: { N: '1' },
    });

    const updated = await dynamo.send(
      new UpdateItemCommand({
        TableName,
        Key,
        UpdateExpression: 'SET message = :m',
        ExpressionAttributeValues: { ':m': { S: 'Updated message' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.equal(updated.Attributes?.message?.S, 'Updated message');
    const read = await dynamo.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }));
    assert.equal(read.Item?.message?.S, 'Updated message');
    assert.equal(read.Item?.timestamp?.N, '1');

    await dynamo.send(new DeleteItemCommand({ TableName, Key }));
    const gone = await dynamo.send(new GetItemCommand({ TableName, Key }));
    assert.equal(gone.Item, undefined);
  });
});

describe('database: data survives a restart', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'esb-testbed-db-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps the table and its items across close and start with the same data directory', async () => {
    const first = await startDatabase({ port: 0, dataDir });
    const writer = dynamoClient(first.port);
    try {
      await writer.send(
        new PutItemCommand({
          TableName: E2E_TABLE_NAME,
          Item: { id: { S: 'scheduled-run' }, last_run: { S: 'then' } },
        }),
      );
    } finally {
      writer.destroy();
      await first.close();
    }

    const second = await startDatabase({ port: 0, dataDir });
    const reader = dynamoClient(second.port);
    try {
      const { TableNames } = await reader.send(new ListTablesCommand({}));
      assert.deepEqual(TableNames, [E2E_TABLE_NAME]);
      const { Item } = await reader.send(
        new GetItemCommand({ TableName: E2E_TABLE_NAME, Key: { id: { S: 'scheduled-run' } } }),
      );
      assert.deepEqual(Item, { id: { S: 'scheduled-run' }, last_run: { S: 'then' } });
    } finally {
      reader.destroy();
      await second.close();
    }
  });
});
