import { createHash, createHmac } from 'node:crypto';

/**
 * The pieces of AWS Signature Version 4 that both sides of a presigned URL use: the S3 stand-in verifies
 * signatures (services/s3-storage/sigv4-verifier.ts), lambda-s3's worker presigns GETs (shared/presign-get.ts).
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** AWS's UriEncode: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) as upper-case %XX. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** The signature of a canonical request for a scope `<date>/<region>/<service>/aws4_request`. */
export function sigv4Signature(
  secretAccessKey: string,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): string {
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = scope
    .split('/')
    .reduce<Buffer>((k, part) => hmac(k, part), Buffer.from(`AWS4${secretAccessKey}`));
  return hmac(key, stringToSign).toString('hex');
}

/** `20260302T101500Z`: a time in SigV4's basic ISO 8601 form. */
export function amzDateOf(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
