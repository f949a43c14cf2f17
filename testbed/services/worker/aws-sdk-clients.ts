import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { ServiceConfig } from '../../shared/service-env.ts';
import type { AwsClients } from './aws-clients-type.ts';

/** Loaded only by workers whose handler uses AWS (aws-clients.ts), so the others never parse the SDK. */
export function createAwsClients(config: ServiceConfig): AwsClients {
  let dynamoDb: DynamoDBClient | undefined;
  let s3: S3Client | undefined;
  return {
    get dynamoDb() {
      dynamoDb ??= new DynamoDBClient({
        endpoint: config.databaseEndpoint,
        // The scheduled writer names ap-northeast-1 (contract §4.2); the database ignores regions.
        region: 'ap-northeast-1',
        // The database accepts any credentials.
        credentials: { accessKeyId: 'esb-testbed', secretAccessKey: 'esb-testbed' },
      });
      return dynamoDb;
    },
    get s3() {
      s3 ??= new S3Client({
        endpoint: config.s3Endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: config.credentials.s3AccessKey,
          secretAccessKey: config.credentials.s3SecretKey,
        },
        // Checksums only where S3 requires them: RustFS and s3rver predate the SDK's default CRC32 headers.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return s3;
    },
    destroy() {
      dynamoDb?.destroy();
      s3?.destroy();
    },
  };
}
