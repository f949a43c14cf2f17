import type { ServerResponse } from 'node:http';
import type { GatewayContext } from './gateway-context.ts';
import { sendJson } from './http-io.ts';

/** GET /health: no auth (contract §5.1). */
export function handleHealth(ctx: GatewayContext, response: ServerResponse): void {
  const status = ctx.faults.has('health-unhealthy') ? 'degraded' : 'healthy';
  sendJson(response, 200, { status, timestamp: new Date().toISOString() });
}
