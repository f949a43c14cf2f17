import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultName } from '../../faults/fault-table.ts';
import { isValidBucketName } from './bucket-name.ts';
import { handleLifecycleRequest } from './lifecycle-api.ts';
import type { LifecycleStore } from './lifecycle-store.ts';
import { sendEmpty, sendS3Error } from './s3-error-response.ts';
import { type S3Credentials, verifySigV4 } from './sigv4-verifier.ts';

export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface S3RouterDeps {
  readonly credentials: S3Credentials;
  readonly lifecycles: LifecycleStore;
  readonly faults: ReadonlySet<FaultName>;
  bucketExists(bucket: string): Promise<boolean>;
  /** s3rver's Koa handler: every request the testbed does not answer itself. */
  readonly s3rver: NodeRequestHandler;
}

/** Path-style target of a request: `/<bucket>[/<key>]`, decoded, plus the query. */
interface RequestTarget {
  readonly bucket?: string;
  readonly key?: string;
  readonly query: URLSearchParams;
}

/**
 * Query parameters that do not turn an object or bucket request into a sub-resource call: SDK v3 adds
 * `x-id=<Operation>` to some calls, and `versionId` still means the object itself.
 */
const PLAIN_QUERY = new Set(['x-id', 'versionId']);

/**
 * Every request is authenticated here (SigV4, see sigv4-verifier.ts); then `?lifecycle` on a bucket is served
 * by the lifecycle API, fault `s3-delete-noop` swallows DeleteObject, and everything else goes to s3rver.
 */
export function createS3RequestHandler(
  deps: S3RouterDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, deps).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', service: 's3-storage', message: String(error) }));
      if (res.headersSent) res.destroy();
      else
        sendS3Error(res, {
          status: 500,
          code: 'InternalError',
          message: 'We encountered an internal error. Please try again.',
        });
    });
  };
}

async function route(req: IncomingMessage, res: ServerResponse, deps: S3RouterDeps): Promise<void> {
  const auth = verifySigV4(req, deps.credentials, { presigned: !deps.faults.has('presign-rejected') });
  if (!auth.ok) return sendS3Error(res, auth.error);
  const target = requestTarget(req.url ?? '/');
  if (target === undefined)
    return sendS3Error(res, {
      status: 400,
      code: 'InvalidURI',
      message: "Couldn't parse the specified URI.",
    });
  const { bucket, key, query } = target;
  if (bucket === undefined) return deps.s3rver(req, res);
  if (key === undefined && query.has('lifecycle')) return handleLifecycleRequest(req, res, bucket, deps);
  const plain = [...query.keys()].every((name) => PLAIN_QUERY.has(name));
  if (req.method === 'DELETE' && plain && key !== undefined && deps.faults.has('s3-delete-noop'))
    return sendEmpty(res, 204);
  if (req.method === 'PUT' && plain && key === undefined) await forgetStaleLifecycle(bucket, deps);
  return deps.s3rver(req, res);
}

/**
 * Lifecycle documents live beside s3rver's store, which deletes a bucket without telling anyone; so a
 * CreateBucket for a bucket that does not exist first drops any document a deleted namesake left behind.
 */
async function forgetStaleLifecycle(bucket: string, deps: S3RouterDeps): Promise<void> {
  if (isValidBucketName(bucket) && !(await deps.bucketExists(bucket))) await deps.lifecycles.remove(bucket);
}

function requestTarget(url: string): RequestTarget | undefined {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const [, rawBucket = '', ...rawKey] = path.split('/');
  try {
    const bucket = rawBucket === '' ? undefined : decodeURIComponent(rawBucket);
    const key =
      rawKey.length === 0 || rawKey.join('/') === '' ? undefined : decodeURIComponent(rawKey.join('/'));
    return { bucket, key, query };
  } catch {
    return undefined;
  }
}
