import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { E2E_BUCKET_NAME, E2E_TABLE_NAME } from '../../../testbed/functions/function-catalog.ts';

/** s3rver's built-in key pair; the workers sign with it as their RUSTFS keys. */
export const S3RVER_KEY = 'S3RVER';

/** A real DynamoDB (dynalite) and a real S3 (s3rver) on loopback, with the E2E table and bucket. */
export interface BackingStores {
  readonly databasePort: number;
  readonly s3Port: number;
  readonly dynamoDb: DynamoDBClient;
  readonly s3: S3Client;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startBackingStores(options: { createTable?: boolean } = {}): Promise<BackingStores> {
  const database = dynalite({ createTableMs: 0 });
  const databasePort = await listen(database);
  const directory = mkdtempSync(join(tmpdir(), 'esb-worker-s3-'));
  const s3Server = createServer(new S3rver({ directory, silent: true }).callback());
  const s3Port = await listen(s3Server);
  const dynamoDb = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${databasePort}`,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${s3Port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  if (options.createTable ?? true)
    await dynamoDb.send(
      new CreateTableCommand({
        TableName: E2E_TABLE_NAME,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  await s3.send(new CreateBucketCommand({ Bucket: E2E_BUCKET_NAME }));
  return {
    databasePort,
    s3Port,
    dynamoDb,
    s3,
    async close() {
      dynamoDb.destroy();
      s3.destroy();
      await Promise.all([closeServer(database), closeServer(s3Server)]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
