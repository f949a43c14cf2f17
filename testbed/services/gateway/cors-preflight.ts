import type { IncomingMessage, ServerResponse } from 'node:http';

/** The headers ESB's gateway allows when a preflight names none (recorded: ../shared/golden, cors-preflight-*). */
const DEFAULT_ALLOWED_HEADERS =
  'Authorization,Content-Type,X-Amz-Date,X-Api-Key,X-Amz-Security-Token,X-Amz-Invocation-Type,X-Amzn-Trace-Id';

/**
 * OPTIONS on any path, before authentication: 204 as ESB answers it. The origin and the requested headers are
 * reflected (with `Vary: Origin` when there is an origin), every method is allowed, and the answer may be cached
 * for an hour.
 */
export function handleCorsPreflight(request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  const requested = request.headers['access-control-request-headers'];
  response.writeHead(204, {
    ...(origin === undefined ? {} : { vary: 'Origin' }),
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS',
    'access-control-allow-headers': requested ?? DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': '3600',
  });
  response.end();
}
