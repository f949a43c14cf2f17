import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * The AWS SDK clients a worker hands its fixtures, pointed at the testbed's database and S3 (ESB's runtime
 * hooks redirect boto3 and the Java SDK the same way). Created on first use, shared by the worker's
 * invocations, destroyed with the worker.
 */
export interface AwsClients {
  readonly dynamoDb: DynamoDBClient;
  readonly s3: S3Client;
  destroy(): void;
}
