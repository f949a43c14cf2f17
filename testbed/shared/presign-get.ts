import { amzDateOf, SIGV4_ALGORITHM, sigv4Signature, uriEncode } from './sigv4.ts';

export interface PresignRequest {
  /** Where the URL points: S3_PRESIGN_ENDPOINT, e.g. http://localhost:9000. */
  readonly endpoint: string;
  /** The object's path, unencoded, one entry per segment: path style is [bucket, ...key.split('/')]. */
  readonly pathSegments: readonly string[];
  readonly expiresSeconds: number;
  /** The credential scope's region: the function's AWS_DEFAULT_REGION. */
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly now?: Date;
}

/**
 * A presigned GetObject URL as boto3's generate_presigned_url makes it for a client bound to the endpoint
 * (contract-head §9): SigV4 in the query, signed header host, unsigned payload.
 */
export function presignGetUrl(request: PresignRequest): string {
  const url = new URL(request.endpoint);
  const amzDate = amzDateOf(request.now ?? new Date());
  const scope = `${amzDate.slice(0, 8)}/${request.region}/s3/aws4_request`;
  const path = `/${request.pathSegments.map(uriEncode).join('/')}`;
  const query = [
    ['X-Amz-Algorithm', SIGV4_ALGORITHM],
    ['X-Amz-Credential', `${request.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(request.expiresSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ]
    .map(([name, value]) => `${uriEncode(name as string)}=${uriEncode(value as string)}`)
    .sort()
    .join('&');
  const canonical = ['GET', path, query, `host:${url.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const signature = sigv4Signature(request.secretAccessKey, amzDate, scope, canonical);
  return `${url.protocol}//${url.host}${path}?${query}&X-Amz-Signature=${signature}`;
}
