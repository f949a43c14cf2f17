import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionDefinition } from '../../functions/function-catalog.ts';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import type { GatewayContext, RequestScope } from './gateway-context.ts';
import { readBody, sendError } from './http-io.ts';
import { invokeFunction } from './invoker.ts';
import { buildProxyEvent, mapProxyResponse } from './proxy-event.ts';

/** A catch-all POST route: proxy event in, mapped proxy response out (contract §3, §4.1). */
export async function handleApiRoute(
  ctx: GatewayContext,
  scope: RequestScope,
  definition: FunctionDefinition,
  user: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  const event = buildProxyEvent({
    request,
    url: scope.url,
    resource: definition.route ?? scope.url.pathname,
    body,
    user,
    requestId: scope.requestId,
  });
  scope.log(
    'INFO',
    'gateway.processor',
    `Processing ${request.method} ${scope.url.pathname} with ${definition.name}`,
  );
  const outcome = await invokeFunction(
    ctx.pools,
    { definition, event: Buffer.from(JSON.stringify(event)), trace: scope.trace, log: scope.log },
    ctx.faults,
  );
  if (outcome.kind === 'error') return sendError(response, outcome.status, outcome.message);
  const mapped = mapProxyResponse(outcome.body, {
    base64Bodies: esbBehaviour(ctx.config.esb).base64ProxyBodies,
    onDecodeFailure: () =>
      scope.log('WARNING', 'gateway.utils', 'Lambda response body marked isBase64Encoded but decode failed'),
  });
  const length = Buffer.byteLength(mapped.body);
  response.writeHead(mapped.status, { ...mapped.headers, 'content-length': length });
  response.end(mapped.body);
}
