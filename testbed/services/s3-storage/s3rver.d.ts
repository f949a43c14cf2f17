/**
 * Types for the part of s3rver 3.7.1 the testbed uses; the package ships none. Checked against
 * node_modules/s3rver/lib/s3rver.js, lib/stores/filesystem.js and lib/models/account.js.
 */
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    /** Root of the filesystem store: one directory per bucket. */
    directory: string;
    silent?: boolean;
    /** Whether a Host header other than an IP or localhost names a bucket (virtual-host style). */
    vhostBuckets?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
  }

  interface S3rverBucket {
    readonly name: string;
  }

  interface S3rverStore {
    getBucket(name: string): Promise<S3rverBucket | null>;
    putBucket(name: string): Promise<S3rverBucket | null>;
  }

  /** s3rver is a Koa application; `callback()` is Koa's request handler for node:http. */
  class S3rver {
    constructor(options: S3rverOptions);
    readonly store: S3rverStore;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  }

  export = S3rver;
}

declare module 's3rver/lib/models/account.js' {
  interface AWSAccount {
    /** Adds a key pair to the process-wide registry s3rver's authentication middleware looks keys up in. */
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }

  const AWSAccountModule: {
    /** The single account every s3rver bucket and object belongs to. */
    readonly DUMMY_ACCOUNT: AWSAccount;
  };

  export = AWSAccountModule;
}
