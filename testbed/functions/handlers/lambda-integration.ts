import type { FunctionContext } from '../../services/worker/function-context.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, pythonStr, pythonTruthy } from './python-values.ts';

/**
 * lambda-integration (python, `/api/lambda`; contract §4.2): reports the trace it runs under and, with
 * `next_target`, invokes that function with `{"message":"from-chain"}`, synchronously or (`async`) as an
 * Event. A failed chain invoke is not caught: it is the invocation's error.
 */
export async function lambdaIntegration(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const nextTarget = dictGet(body, 'next_target');
  const isAsync = pythonTruthy(dictGet(body, 'async', false));
  const traceId = ctx.traceHeader ?? 'not-found';
  ctx.logger.info(`Trace ID in environment: ${traceId}`);
  let child: unknown = null;
  if (pythonTruthy(nextTarget)) {
    const target = pythonStr(nextTarget);
    ctx.logger.info(`Chaining ${isAsync ? 'async' : 'sync'} invocation to ${target}`);
    const answer = await ctx.invoke(target, { message: 'from-chain' }, isAsync ? 'Event' : 'RequestResponse');
    child = isAsync
      ? { status: 'async-started', status_code: answer.statusCode }
      : JSON.parse(answer.payload);
  }
  return pythonProxyResponse(200, { success: true, trace_id: traceId, child });
}
