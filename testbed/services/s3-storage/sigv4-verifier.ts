import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { S3ErrorReply } from './s3-error-response.ts';

/**
 * Verifies AWS Signature Version 4 on S3 requests (Authorization header form).
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

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** S3 refuses requests whose x-amz-date is more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export function verifySigV4(
  req: IncomingMessage,
  credentials: S3Credentials,
  now = new Date(),
): SignatureCheck {
  const [rawPath = '/', rawQuery = ''] = splitOnce(req.url ?? '/', '?');
  const authorization = req.headers.authorization;
  if (authorization === undefined) {
    if (parseQuery(rawQuery).some(([name]) => name === 'X-Amz-Algorithm'))
      return denied(403, 'AccessDenied', 'Query-string (presigned URL) authentication is not supported here');
    return denied(403, 'AccessDenied', 'Access Denied');
  }
  const header = parseAuthorization(authorization);
  if (!header.ok) return header;
  const { credential, signedHeaders, signature } = header;

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

  const payloadHash = firstHeader(req, 'x-amz-content-sha256');
  if (payloadHash === undefined)
    return denied(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  if (!signedHeaders.includes('host'))
    return denied(400, 'AuthorizationHeaderMalformed', 'The host header must be signed');

  const canonical = canonicalRequest(req, rawPath, rawQuery, signedHeaders, payloadHash);
  if (canonical === undefined) return denied(400, 'InvalidURI', "Couldn't parse the specified URI.");
  const scope = `${date}/${region}/${service}/${terminator}`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = [date, region, service, terminator].reduce<Buffer>(
    (k, part) => hmac(k, part),
    Buffer.from(`AWS4${credentials.secretAccessKey}`),
  );
  const expected = hmac(key, stringToSign).toString('hex');
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
  rawQuery: string,
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
    query = parseQuery(rawQuery)
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

/** AWS's UriEncode: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) as upper-case %XX. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
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
