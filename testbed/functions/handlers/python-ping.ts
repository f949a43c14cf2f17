import { isJsonObject, pythonTruthy } from './python-values.ts';

/**
 * The Python fixtures' `handle_ping` (contract §4.1): a legacy RIE heartbeat; an event with a truthy `ping`
 * is answered `{statusCode:200, body:"pong"}` before anything else runs. No case sends one.
 */
export function pythonPingResponse(event: unknown): { statusCode: 200; body: 'pong' } | undefined {
  return isJsonObject(event) && pythonTruthy(event.ping) ? { statusCode: 200, body: 'pong' } : undefined;
}
