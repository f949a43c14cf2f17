import type { FunctionContext } from '../../services/worker/function-context.ts';
import { callerUsername } from './caller-username.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, pythonStr } from './python-values.ts';

/**
 * lambda-echo (python, `/api/echo`; contract §4.2): answers `Echo: <message>` and the caller, and prints two
 * structured lines (INFO and DEBUG) with its own `_time`, `trace_id` and `function`.
 */
export async function lambdaEcho(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const traceId = ctx.traceHeader ?? 'not-found';
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const user = callerUsername(event);
  // Fault echo-wrong-prefix: the reply (and its log line) reads "Reply: …".
  const prefix = ctx.faultActive('echo-wrong-prefix') ? 'Reply: ' : 'Echo: ';
  const message = `${prefix}${pythonStr(dictGet(body, 'message', 'Hello'))}`;
  const logEntry = {
    _time: new Date().toISOString(),
    level: 'INFO',
    trace_id: traceId,
    message,
    function: 'lambda-echo',
  };
  ctx.print(JSON.stringify(logEntry));
  ctx.print(JSON.stringify({ ...logEntry, level: 'DEBUG', message: 'Debug log for quality test' }));
  // Fault echo-user-missing: the reply has no user field.
  const reply = ctx.faultActive('echo-user-missing')
    ? { success: true, message }
    : { success: true, message, user };
  return pythonProxyResponse(200, reply);
}
