import type { IncomingMessage } from 'node:http';

/** Builds the API Gateway v1 proxy event a catch-all route passes to its function (contract §4.1). */
export function buildProxyEvent(options: {
  request: IncomingMessage;
  url: URL;
  resource: string;
  body: Buffer;
  user: string;
  requestId: string;
}): Record<string, unknown> {
  const { request, url, body, user } = options;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name.toLowerCase()] = values.join(',');
    multiValueHeaders[name.toLowerCase()] = values;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const event: Record<string, unknown> = {
    resource: options.resource,
    path: url.pathname,
    httpMethod: request.method ?? 'POST',
    headers,
    multiValueHeaders,
    requestContext: {
      identity: { sourceIp: headers['x-forwarded-for'] ?? 'unknown', userAgent: headers['user-agent'] ?? '' },
      authorizer: { claims: { 'cognito:username': user, username: user }, 'cognito:username': user },
      requestId: options.requestId,
      stage: 'prod',
      path: url.pathname,
      protocol: 'HTTP/1.1',
    },
  };
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (body.length > 0) {
    const text = body.toString('utf8');
    const binary = headers['content-encoding'] === 'gzip' || Buffer.from(text, 'utf8').compare(body) !== 0;
    event.body = binary ? body.toString('base64') : text;
    event.isBase64Encoded = binary;
  }
  return event;
}

/** An HTTP answer the gateway sends for a function's payload. */
export interface MappedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/** How a revision of ESB maps proxy responses besides the seed's rules. */
export interface ProxyMapping {
  /** ESB 2026-03-02 on (contract-head §4.1): a body whose isBase64Encoded is exactly true is decoded, sent raw. */
  readonly base64Bodies: boolean;
  /** Called when such a body is not strict base64: it is sent as the text it was. */
  readonly onDecodeFailure?: () => void;
}

/** Python's base64.b64decode(validate=True): the standard alphabet, padded to a multiple of four. */
function strictBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/**
 * Maps a function payload to the HTTP answer: a proxy object (with statusCode) gives its status, headers and
 * body; any other JSON value is answered 200 as JSON; a non-JSON payload is passed through raw.
 */
export function mapProxyResponse(
  payload: Buffer,
  mapping: ProxyMapping = { base64Bodies: false },
): MappedResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return { status: 200, headers: {}, body: payload };
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'statusCode' in parsed) {
    const proxy = parsed as {
      statusCode: unknown;
      headers?: Record<string, string>;
      multiValueHeaders?: Record<string, string[]>;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    const headers: Record<string, string | string[]> = {
      ...(proxy.headers ?? {}),
      ...(proxy.multiValueHeaders ?? {}),
    };
    const status = Number(proxy.statusCode) || 200;
    if (mapping.base64Bodies && proxy.isBase64Encoded === true) {
      if (proxy.body === undefined || proxy.body === null) return { status, headers, body: Buffer.alloc(0) };
      const decoded = typeof proxy.body === 'string' ? strictBase64(proxy.body) : undefined;
      if (decoded !== undefined) return { status, headers, body: decoded };
      mapping.onDecodeFailure?.();
      if (typeof proxy.body === 'string') return { status, headers, body: proxy.body };
    }
    const body =
      typeof proxy.body === 'string'
        ? proxy.body
        : proxy.body === undefined
          ? ''
          : JSON.stringify(proxy.body);
    const isJson = (() => {
      try {
        JSON.parse(body);
        return true;
      } catch {
        return false;
      }
    })();
    if (isJson && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    return { status, headers, body };
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(parsed) };
}
