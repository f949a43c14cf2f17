import { setTimeout as delay } from 'node:timers/promises';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet, pythonRepr, pythonStr } from './python-values.ts';

/**
 * lambda-chaos (python, `/api/faulty`; contract §4.2): `crash` kills the runtime process before it answers
 * (the gateway's 502 that trips the breaker, STD-018), `delay` sleeps, anything else is OK. There is no
 * `success` field. It prints plain `DEBUG: …` lines.
 */
export async function lambdaChaos(event: unknown, ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const action = dictGet(body, 'action', 'hello');
  ctx.print(`DEBUG: Processing action=${pythonRepr(action)}`);
  if (action === 'crash') {
    ctx.print('DEBUG: CRASHING NOW');
    // Fault crash-as-function-error: a function-level 500, which the gateway passes on without a breaker
    // failure, instead of a dead runtime.
    if (ctx.faultActive('crash-as-function-error'))
      return pythonProxyResponse(500, { message: 'Faulty Lambda crashed', action });
    return ctx.crash();
  }
  if (action === 'delay') {
    const seconds = dictGet(body, 'seconds', 5);
    await delay(Math.max(0, Number(seconds) || 0) * 1000);
    return pythonProxyResponse(200, { message: `Delayed for ${pythonStr(seconds)}s` });
  }
  return pythonProxyResponse(200, { message: 'Faulty Lambda is OK', action });
}
