import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import type { FaultName } from '../../faults/fault-table.ts';
import { listen } from '../../shared/listen.ts';
import { provisionE2eBucket } from './bucket-provisioning.ts';
import { createLifecycleStore } from './lifecycle-store.ts';
import { createS3RequestHandler } from './s3-request-router.ts';

export interface S3StorageOptions {
  readonly port: number;
  /** Listening address; 127.0.0.1 unless given. */
  readonly host?: string;
  /** Objects go to `<dataDir>/objects` (s3rver's store), lifecycle documents to `<dataDir>/lifecycle`. */
  readonly dataDir: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly faults?: ReadonlySet<FaultName>;
}

export interface RunningS3Storage {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the S3 service: s3rver for the S3 API, with the testbed's own node:http server in front of it.
 *
 * Why not a proxy to s3rver on an internal port: s3rver is a Koa application, and Koa's `callback()` is a
 * plain node:http request handler. So one server, on one port, authenticates each request, answers
 * `?lifecycle` itself and hands every other request, body still unread, to s3rver in the same process. There
 * is no second listener, no copying of bodies and no hop that could rewrite headers.
 */
export async function startS3Storage(options: S3StorageOptions): Promise<RunningS3Storage> {
  const objectsDir = join(options.dataDir, 'objects');
  await mkdir(objectsDir, { recursive: true });
  const s3rver = new S3rver({
    directory: objectsDir,
    silent: true,
    // Path-style only (contract §9): a Host such as `s3-storage:9000` must not be read as a bucket name.
    vhostBuckets: false,
    resetOnClose: false,
  });
  // s3rver rejects an access key id it does not know (InvalidAccessKeyId). Its key registry is process-wide
  // and its V4 check ends at that lookup; the router verifies the signature itself before s3rver sees a request.
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(options.accessKey, options.secretKey);
  const lifecycles = createLifecycleStore(join(options.dataDir, 'lifecycle'));
  const bucketExists = async (bucket: string): Promise<boolean> =>
    (await s3rver.store.getBucket(bucket)) !== null;
  const faults = options.faults ?? new Set<FaultName>();
  await provisionE2eBucket({
    buckets: s3rver.store,
    lifecycles,
    withLifecycle: !faults.has('lifecycle-rule-missing'),
  });

  const server = createServer(
    createS3RequestHandler({
      credentials: { accessKeyId: options.accessKey, secretAccessKey: options.secretKey },
      lifecycles,
      faults,
      bucketExists,
      s3rver: s3rver.callback(),
    }),
  );
  const port = await listen(server, options.port, options.host ?? '127.0.0.1');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
