import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidBucketName } from './bucket-name.ts';
import { LifecycleDocumentError, normalizeLifecycleDocument } from './lifecycle-document.ts';
import type { LifecycleStore } from './lifecycle-store.ts';
import { sendEmpty, sendS3Error, sendXml } from './s3-error-response.ts';

/** S3 caps configuration documents well below this; it bounds what a PUT may buffer. */
const MAX_DOCUMENT_BYTES = 256 * 1024;

export interface LifecycleApiDeps {
  readonly lifecycles: LifecycleStore;
  bucketExists(bucket: string): Promise<boolean>;
}

/**
 * `PUT|GET|DELETE /<bucket>?lifecycle` (PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration,
 * DeleteBucketLifecycle), which s3rver answers with NotImplemented. The caller has authenticated the request.
 */
export async function handleLifecycleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  deps: LifecycleApiDeps,
): Promise<void> {
  if (!isValidBucketName(bucket))
    return sendS3Error(res, {
      status: 400,
      code: 'InvalidBucketName',
      message: 'The specified bucket is not valid.',
    });
  if (!(await deps.bucketExists(bucket)))
    return sendS3Error(res, {
      status: 404,
      code: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
      detail: { BucketName: bucket },
    });
  switch (req.method) {
    case 'GET': {
      const document = await deps.lifecycles.read(bucket);
      if (document === undefined)
        return sendS3Error(res, {
          status: 404,
          code: 'NoSuchLifecycleConfiguration',
          message: 'The lifecycle configuration does not exist',
          detail: { BucketName: bucket },
        });
      return sendXml(res, 200, document);
    }
    case 'PUT':
      return putLifecycle(req, res, bucket, deps.lifecycles);
    case 'DELETE':
      await deps.lifecycles.remove(bucket);
      return sendEmpty(res, 204);
    default:
      return sendS3Error(res, {
        status: 405,
        code: 'MethodNotAllowed',
        message: 'The specified method is not allowed against this resource.',
        detail: { Method: req.method ?? '', ResourceType: 'LIFECYCLE' },
      });
  }
}

async function putLifecycle(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  lifecycles: LifecycleStore,
): Promise<void> {
  const body = await readBody(req);
  if (body === undefined)
    return sendS3Error(res, {
      status: 400,
      code: 'MaxMessageLengthExceeded',
      message: 'Your request was too big.',
    });
  // The body is in hand here, so the signed payload hash can be checked, as S3 does.
  const declaredHash = req.headers['x-amz-content-sha256'];
  if (
    typeof declaredHash === 'string' &&
    /^[0-9a-f]{64}$/i.test(declaredHash) &&
    createHash('sha256').update(body).digest('hex') !== declaredHash.toLowerCase()
  )
    return sendS3Error(res, {
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  let document: string;
  try {
    document = normalizeLifecycleDocument(body.toString('utf8'));
  } catch (error) {
    if (!(error instanceof LifecycleDocumentError)) throw error;
    return sendS3Error(res, { status: 400, code: error.code, message: error.message });
  }
  await lifecycles.write(bucket, document);
  sendEmpty(res, 200);
}

/** The whole body, or undefined once it passes MAX_DOCUMENT_BYTES (the rest is drained, not kept). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_DOCUMENT_BYTES) chunks.push(buffer);
  }
  return size > MAX_DOCUMENT_BYTES ? undefined : Buffer.concat(chunks);
}
