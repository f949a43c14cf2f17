import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that has an HTTP status: the server answers with it instead of 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Largest request body accepted: far above any shipper batch, low enough to keep a stray upload harmless. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer; // a request without setEncoding yields Buffers
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Query parameters from the URL, overridden by a form-encoded body (VictoriaLogs, like any Go server,
 * reads both); `body` is the already-read request body.
 */
export function requestParams(request: IncomingMessage, url: URL, body: string): URLSearchParams {
  const params = new URLSearchParams(url.searchParams);
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.includes('application/x-www-form-urlencoded'))
    for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
  return params;
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
