import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ServiceConfig } from '../../shared/service-env.ts';

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

/**
 * The clients a worker hands its fixture. A worker whose handler entry (functions/handlers/index.ts) uses no
 * AWS service never loads the SDK, the largest part of the worker bundle; a fixture that reaches for a client
 * anyway gets an error that names the entry to fix.
 */
export async function awsClientsFor(
  functionName: string,
  usesAws: boolean,
  config: ServiceConfig,
): Promise<AwsClients> {
  if (usesAws) return (await import('./aws-sdk-clients.ts')).createAwsClients(config);
  const refuse = (): never => {
    throw new Error(
      `${functionName} uses an AWS client, but its entry in testbed/functions/handlers/index.ts says usesAws: false`,
    );
  };
  return {
    get dynamoDb() {
      return refuse();
    },
    get s3() {
      return refuse();
    },
    destroy() {},
  };
}
