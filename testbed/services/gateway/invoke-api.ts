import type { IncomingMessage, ServerResponse } from 'node:http';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import { resolveFunctionName } from './function-name.ts';
import type { GatewayContext, RequestScope } from './gateway-context.ts';
import { readBody, sendError } from './http-io.ts';
import { invokeFunction } from './invoker.ts';

export const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * POST /2015-03-31/functions/{name}/invocations (contract §5.3): no auth, the raw body goes to the function
 * unchanged and its raw payload comes back. `X-Amz-Invocation-Type: Event` answers 202 at once and runs the
 * invocation afterwards under the caller's trace.
 */
export async function handleInvokeApi(
  ctx: GatewayContext,
  scope: RequestScope,
  pathName: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const name = invokedName(ctx, scope, pathName);
  if (name === undefined) return sendError(response, 400, 'FunctionName is required');
  const definition = ctx.pools.definition(name);
  if (definition === undefined) return sendError(response, 404, `Function not found: ${name}`);
  const event = await readBody(request);
  const invocation = { definition, event, trace: scope.trace, log: scope.log };
  // Exactly `Event`, as ESB compares it: `event` runs synchronously. The 202 is empty but typed JSON.
  if (request.headers['x-amz-invocation-type'] === 'Event') {
    response.writeHead(202, { 'content-type': 'application/json', 'content-length': 0 });
    response.end();
    if (ctx.faults.has('async-invoke-dropped')) return;
    scope.log('INFO', 'gateway.processor', `Async invocation of ${name} accepted`);
    void invokeFunction(ctx.pools, invocation).then(
      (outcome) => {
        if (outcome.kind === 'error')
          scope.log('ERROR', 'gateway.processor', `Async invocation of ${name} failed: ${outcome.message}`);
      },
      (error: unknown) =>
        scope.log(
          'ERROR',
          'gateway.processor',
          `Async invocation of ${name} failed: ${(error as Error).message}`,
        ),
    );
    return;
  }
  scope.log('INFO', 'gateway.processor', `Invoking ${name}`);
  const outcome = await invokeFunction(ctx.pools, invocation, ctx.faults);
  if (outcome.kind === 'error') return sendError(response, outcome.status, outcome.message);
  response.writeHead(outcome.status, {
    'content-type': outcome.headers['content-type'] ?? 'application/json',
    'content-length': outcome.body.length,
  });
  response.end(outcome.body);
}

/**
 * The function an Invoke API call names: the path segment as it came at the seed; from ESB 2026-03-02 on, trimmed
 * and resolved from an ARN or a qualified name (logged when it was one), and undefined when empty.
 */
function invokedName(ctx: GatewayContext, scope: RequestScope, pathName: string): string | undefined {
  if (!esbBehaviour(ctx.config.esb).invokeNameNormalisation) return pathName;
  const name = resolveFunctionName(pathName);
  if (name === undefined) return undefined;
  if (name.resolved !== name.original)
    scope.log('INFO', 'gateway.routes', 'Normalized invoke FunctionName', {
      function_name_original: name.original,
      function_name_resolved: name.resolved,
      function_qualifier: name.qualifier ?? null,
    });
  return name.resolved;
}
