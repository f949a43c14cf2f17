import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SIGV4_ALGORITHM as ALGORITHM, sigv4Signature, uriEncode } from '../../shared/sigv4.ts';
import type { S3ErrorReply } from './s3-error-response.ts';

/**
 * Verifies AWS Signature Version 4 on S3 requests: the Authorization header form, and the query-string form of a
 * presigned URL.
 *
 * s3rver 3.7.1 only looks up the access key id of a V4 request and never computes the signature ("Signature
 * version 4 calculation is unimplemented" in its authentication middleware), so a client with the wrong
 * secret would be served. ESB's RustFS checks signatures, so the testbed does it here, in front of s3rver.
 * The payload is trusted as declared by `x-amz-content-sha256` (the header is signed; the body hash itself is
 * not re-computed for requests s3rver streams).
 */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly error: S3ErrorReply };

/** S3 refuses requests whose x-amz-date is more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export function verifySigV4(
  req: IncomingMessage,
  credentials: S3Credentials,
  { presigned = true, now = new Date() }: { presigned?: boolean; now?: Date } = {},
): SignatureCheck {
  const [rawPath = '/', rawQuery = ''] = splitOnce(req.url ?? '/', '?');
  const authorization = req.headers.authorization;
  if (authorization === undefined) {
    if (parseQuery(rawQuery).some(([name]) => name === 'X-Amz-Algorithm'))
      return presigned
        ? verifyPresigned(req, credentials, now, rawPath, rawQuery)
        : denied(403, 'AccessDenied', 'Query-string (presigned URL) authentication is not supported here');
    return denied(403, 'AccessDenied', 'Access Denied');
  }
  const header = parseAuthorization(authorization);
  if (!header.ok) return header;
  const amzDate = firstHeader(req, 'x-amz-date');
  const requestTime = amzDate === undefined ? Number.NaN : parseAmzDate(amzDate);
  if (amzDate === undefined || Number.isNaN(requestTime))
    return denied(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  if (Math.abs(now.getTime() - requestTime) > MAX_SKEW_MS)
    return denied(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  const payloadHash = firstHeader(req, 'x-amz-content-sha256');
  if (payloadHash === undefined)
    return denied(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  return checkSignature(req, credentials, {
    ...header,
    amzDate,
    payloadHash,
    rawPath,
    query: parseQuery(rawQuery),
  });
}

/** The longest a presigned URL may be valid: seven days, as S3 allows. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

/**
 * Query-string authentication (a presigned URL, contract-head §9): the signature covers every query parameter
 * but X-Amz-Signature, the signed headers, and an unsigned payload; the URL is good from X-Amz-Date for
 * X-Amz-Expires seconds.
 */
function verifyPresigned(
  req: IncomingMessage,
  credentials: S3Credentials,
  now: Date,
  rawPath: string,
  rawQuery: string,
): SignatureCheck {
  const pairs = parseQuery(rawQuery);
  const param = (name: string): string | undefined => {
    const raw = pairs.find(([key]) => key === name)?.[1];
    if (raw === undefined) return undefined;
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  };
  if (param('X-Amz-Algorithm') !== ALGORITHM)
    return denied(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  const credential = param('X-Amz-Credential');
  const signedHeaders = param('X-Amz-SignedHeaders');
  const signature = param('X-Amz-Signature');
  const amzDate = param('X-Amz-Date');
  const expiresText = param('X-Amz-Expires');
  if (!credential || !signedHeaders || !signature || !amzDate || !expiresText)
    return denied(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  const requestTime = parseAmzDate(amzDate);
  if (Number.isNaN(requestTime))
    return denied(400, 'AuthorizationQueryParametersError', 'X-Amz-Date must be in the ISO8601 Long Format');
  const expires = Number(expiresText);
  if (!/^\d+$/.test(expiresText) || expires < 1 || expires > MAX_EXPIRES_SECONDS)
    return denied(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be a number of seconds from 1 to 604800',
    );
  if (requestTime - now.getTime() > MAX_SKEW_MS)
    return denied(403, 'AccessDenied', 'Request is not valid yet');
  if (now.getTime() > requestTime + expires * 1000) return denied(403, 'AccessDenied', 'Request has expired');
  return checkSignature(req, credentials, {
    credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    payloadHash: 'UNSIGNED-PAYLOAD',
    rawPath,
    query: pairs.filter(([name]) => name !== 'X-Amz-Signature'),
  });
}

interface SignedRequest {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string;
  readonly payloadHash: string;
  readonly rawPath: string;
  /** The signed query parameters, still percent-encoded as sent. */
  readonly query: ReadonlyArray<readonly [string, string]>;
}

/** The credential scope, the access key and the signature, alike for both forms. */
function checkSignature(
  req: IncomingMessage,
  credentials: S3Credentials,
  signed: SignedRequest,
): SignatureCheck {
  const { credential, signedHeaders, signature, amzDate, payloadHash } = signed;
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (region === undefined || service !== 's3' || terminator !== 'aws4_request' || rest.length > 0)
    return denied(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed: ${credential}`,
    );
  if (date !== amzDate.slice(0, 8))
    return denied(400, 'AuthorizationHeaderMalformed', 'The credential date does not match x-amz-date');
  if (accessKeyId !== credentials.accessKeyId)
    return denied(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      {
        AWSAccessKeyId: accessKeyId ?? '',
      },
    );
  if (!signedHeaders.includes('host'))
    return denied(400, 'AuthorizationHeaderMalformed', 'The host header must be signed');

  const canonical = canonicalRequest(req, signed.rawPath, signed.query, signedHeaders, payloadHash);
  if (canonical === undefined) return denied(400, 'InvalidURI', "Couldn't parse the specified URI.");
  const scope = `${date}/${region}/${service}/${terminator}`;
  const expected = sigv4Signature(credentials.secretAccessKey, amzDate, scope, canonical);
  if (!sameText(expected, signature))
    return denied(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { AWSAccessKeyId: accessKeyId },
    );
  return { ok: true };
}

type ParsedAuthorization =
  | { ok: true; credential: string; signedHeaders: string[]; signature: string }
  | { ok: false; error: S3ErrorReply };

function parseAuthorization(value: string): ParsedAuthorization {
  const [algorithm = '', parameters = ''] = splitOnce(value.trim(), ' ');
  if (algorithm !== ALGORITHM)
    return denied(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  const fields = new Map(parameters.split(',').map((part) => splitOnce(part.trim(), '=')));
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature)
    return denied(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header requires Credential, SignedHeaders and Signature.',
    );
  return { ok: true, credential, signedHeaders: signedHeaders.split(';'), signature };
}

/** The canonical request of SigV4 for S3: the path is URI-encoded once, never normalised. */
function canonicalRequest(
  req: IncomingMessage,
  rawPath: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  signedHeaders: readonly string[],
  payloadHash: string,
): string | undefined {
  let path: string;
  let query: string;
  try {
    path = rawPath
      .split('/')
      .map((segment) => uriEncode(decodeURIComponent(segment)))
      .join('/');
    query = pairs
      .map(([name, value]) => [uriEncode(decodeURIComponent(name)), uriEncode(decodeURIComponent(value))])
      .sort(([a = '', x = ''], [b = '', y = '']) => compare(a, b) || compare(x, y))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
  } catch {
    return undefined; // a malformed percent escape
  }
  const headers = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(req, name)}\n`).join('');
  return [req.method ?? 'GET', path, query, headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function canonicalHeaderValue(req: IncomingMessage, name: string): string {
  return (req.headersDistinct[name] ?? []).map((value) => value.trim().replace(/\s+/g, ' ')).join(',');
}

function parseQuery(rawQuery: string): Array<[string, string]> {
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => splitOnce(pair, '='));
}

/** `20260101T120000Z` to epoch milliseconds, NaN when it is not that shape. */
function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  return req.headersDistinct[name]?.[0];
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function denied(
  status: number,
  code: string,
  message: string,
  detail?: Record<string, string>,
): { ok: false; error: S3ErrorReply } {
  return {
    ok: false,
    error: detail === undefined ? { status, code, message } : { status, code, message, detail },
  };
}
