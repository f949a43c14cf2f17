import { setTimeout as delay } from 'node:timers/promises';
import type { FunctionContext } from '../../services/worker/function-context.ts';
import { pythonProxyResponse } from './proxy-response.ts';
import { parsePythonEventBody } from './python-event-body.ts';
import { pythonPingResponse } from './python-ping.ts';
import { dictGet } from './python-values.ts';

/**
 * lambda-scaling (python, `/api/scaling`; contract §4.2): sleeps `sleep_ms` when positive, then always
 * answers the constant `scaling-test` message; there is no `success` field.
 */
export async function lambdaScaling(event: unknown, _ctx: FunctionContext): Promise<unknown> {
  const ping = pythonPingResponse(event);
  if (ping) return ping;
  const body = parsePythonEventBody(event);
  const requested = Number(dictGet(body, 'sleep_ms', 0));
  const sleepMs = Number.isFinite(requested) ? Math.trunc(requested) : 0;
  if (sleepMs > 0) await delay(sleepMs);
  return pythonProxyResponse(200, { message: 'scaling-test', slept_ms: sleepMs });
}
