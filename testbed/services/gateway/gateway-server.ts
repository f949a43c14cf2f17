import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { functionForRoute } from '../../functions/function-catalog.ts';
import { API_DOC_PATHS, handleApiDocs } from './api-docs.ts';
import { handleApiRoute } from './api-route.ts';
import { authenticatedUser, handleLogin } from './auth-endpoint.ts';
import { handleCorsPreflight } from './cors-preflight.ts';
import type { GatewayContext, RequestScope } from './gateway-context.ts';
import { handleHealth } from './health-endpoint.ts';
import { sendError } from './http-io.ts';
import { handleInvokeApi, INVOKE_PATH } from './invoke-api.ts';
import { handleContainerMetrics, handlePoolMetrics } from './metrics-endpoints.ts';
import { formatTraceHeader, newTrace, parseTraceHeader } from './trace-header.ts';

/**
 * Routes one request. Order matters (contract §2): the open routes first, then the bearer check for
 * everything else, before route resolution, so an unknown path without a token is 401, not 404.
 */
async function route(
  ctx: GatewayContext,
  scope: RequestScope,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  const path = scope.url.pathname;
  const isGet = method === 'GET' || method === 'HEAD';
  if (method === 'OPTIONS') return handleCorsPreflight(request, response);
  // GET only: ESB's health route does not take HEAD, which falls to the authenticated catch-all (401).
  if (method === 'GET' && path === '/health') return handleHealth(ctx, response);
  if (method === 'GET' && (API_DOC_PATHS as readonly string[]).includes(path))
    return handleApiDocs(path, ctx.authEndpointPath, response);
  if (method === 'POST' && path === ctx.authEndpointPath) return handleLogin(ctx, request, response);
  const invoke = INVOKE_PATH.exec(path);
  if (method === 'POST' && invoke)
    return handleInvokeApi(ctx, scope, decodeURIComponent(invoke[1] ?? ''), request, response);

  // Fault auth-not-enforced serves requests without a valid token as anonymous; a valid token still names its
  // user, so the fault breaks the 401 point (STD-007) and not the echoed user of RTP-001/RTJ-001.
  const user =
    authenticatedUser(ctx, request) ?? (ctx.faults.has('auth-not-enforced') ? 'anonymous' : undefined);
  if (user === undefined) return sendError(response, 401, 'Unauthorized');
  if (isGet && path === '/metrics/pools') return handlePoolMetrics(ctx, response);
  if (isGet && path === '/metrics/containers') return handleContainerMetrics(ctx, response);
  const definition = functionForRoute(path);
  if (method === 'POST' && definition !== undefined)
    return handleApiRoute(ctx, scope, definition, user, request, response);
  sendError(response, 404, 'Not Found');
}

/** The HTTPS gateway. Every answer carries the trace header and a fresh request id; each request is logged once. */
export function createGatewayServer(ctx: GatewayContext, tls: { key: Buffer; cert: Buffer }): Server {
  return createServer({ ...tls, keepAliveTimeout: 5_000 }, (request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    const inbound = request.headers['x-amzn-trace-id'] as string | undefined;
    const trace = formatTraceHeader(parseTraceHeader(inbound) ?? newTrace());
    const url = new URL(request.url ?? '/', 'https://gateway');
    const logContext = { traceId: trace, requestId };
    const scope: RequestScope = {
      requestId,
      trace,
      url,
      log: (level, logger, message, fields) => ctx.logger.log(level, logger, message, logContext, fields),
    };
    // ESB answers with the inbound header as it came (401, 404 and 422 included); a trace of its own otherwise.
    response.setHeader('X-Amzn-Trace-Id', inbound?.trim() ? inbound : trace);
    response.setHeader('x-amzn-RequestId', requestId);
    response.on('finish', () => {
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      ctx.logger.log(
        'INFO',
        'gateway.main',
        `${request.method} ${url.pathname} ${response.statusCode}`,
        logContext,
        {
          method: request.method,
          path: url.pathname,
          status: response.statusCode,
          latency_ms: Math.round((performance.now() - started) * 10) / 10,
          query_params: query,
          user_agent: request.headers['user-agent'] ?? '',
          client_ip: request.socket.remoteAddress ?? 'unknown',
        },
      );
    });
    route(ctx, scope, request, response).catch((error: unknown) => {
      scope.log('ERROR', 'gateway.main', `Unhandled error: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) sendError(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
}
