import type { FunctionContext } from '../../services/worker/function-context.ts';
import { callerUsername } from './caller-username.ts';
import { parseJavaEventBody } from './java-event-body.ts';
import { javaProxyResponse } from './proxy-response.ts';

/**
 * lambda-echo-java (java21, `/api/echo-java`; contract §4.2): answers `Echo: <message>` (blank or absent
 * gives `Hello`) and the caller, and logs INFO and DEBUG JSON lines with `_time` and `function`. It writes
 * `trace_id` as `not-found`; the Java runtime sink replaces that with the bare root.
 */
export async function lambdaEchoJava(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const body = parseJavaEventBody(event);
  const raw = body.message;
  const text = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const message = `Echo: ${text.trim() === '' ? 'Hello' : text}`;
  for (const [level, line] of [
    ['INFO', message],
    ['DEBUG', 'Debug log for quality test'],
  ] as const)
    ctx.print(
      JSON.stringify({
        _time: new Date().toISOString(),
        level,
        trace_id: 'not-found',
        message: line,
        function: 'lambda-echo-java',
      }),
    );
  return javaProxyResponse(200, { success: true, message, user: callerUsername(event) });
}
