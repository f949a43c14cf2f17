import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { element, serializeXml } from './xml-tree.ts';

/** An S3 error as the client sees it: status, `<Code>`, `<Message>` and optional extra elements. */
export interface S3ErrorReply {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: Readonly<Record<string, string>>;
}

/** S3 answers every request with a request id; SDKs put it into their error objects. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** Writes S3's `<Error>` document; HEAD requests get the status only, as S3 sends no body for them. */
export function sendS3Error(res: ServerResponse, reply: S3ErrorReply): void {
  const requestId = newRequestId();
  const detail = Object.entries(reply.detail ?? {}).map(([name, value]) => element(name, value));
  const body = serializeXml(
    element('Error', [
      element('Code', reply.code),
      element('Message', reply.message),
      ...detail,
      element('RequestId', requestId),
    ]),
  );
  res.writeHead(reply.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'content-length': Buffer.byteLength(body),
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/xml',
    'x-amz-request-id': newRequestId(),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'x-amz-request-id': newRequestId() });
  res.end();
}
