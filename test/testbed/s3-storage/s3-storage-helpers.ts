import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { FaultName } from '../../../testbed/faults/fault-table.ts';
import {
  type RunningS3Storage,
  startS3Storage,
} from '../../../testbed/services/s3-storage/s3-storage-server.ts';

export const ACCESS_KEY = 'testbed-access';
export const SECRET_KEY = 'testbed-secret-0123456789';

export async function makeDataDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'esb-testbed-s3-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function startStorage(dataDir: string, faults: FaultName[] = []): Promise<RunningS3Storage> {
  return startS3Storage({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    faults: new Set(faults),
  });
}

/** The client configuration STD-024 uses (contract §9), plus the checksum settings s3rver needs. */
export function s3Client(
  port: number,
  credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
): S3Client {
  return new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

/** The error an SDK call rejected with, for assertions on its S3 code and HTTP status. */
export async function s3Failure(
  call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const failure = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error('expected the S3 call to fail');
}
