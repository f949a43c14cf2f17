import type { ServerResponse } from 'node:http';
import type { GatewayContext } from './gateway-context.ts';
import { sendError, sendJson } from './http-io.ts';

/** GET /metrics/pools (contract §5.6). */
export function handlePoolMetrics(ctx: GatewayContext, response: ServerResponse): void {
  sendJson(response, 200, { pools: ctx.pools.metrics(), collected_at: new Date().toISOString() });
}

const NOT_IMPLEMENTED = 'Container metrics are not implemented for the current runtime (e.g. Docker)';

/**
 * GET /metrics/containers (contract §5.7): asks the agent for this gateway's workers, then for each one's
 * metrics. Docker workers cannot report them (501); containerd workers can (200).
 */
export async function handleContainerMetrics(ctx: GatewayContext, response: ServerResponse): Promise<void> {
  if (ctx.faults.has('metrics-containers-wrong-status'))
    return sendError(response, 500, 'Internal Server Error');
  const workers = await ctx.agent.list();
  if (workers.length === 0) return sendJson(response, 200, { containers: [] });
  const answers = await Promise.all(
    workers.map(async (w) => ({
      worker: w,
      answer: await ctx.agent
        .metrics(w.id)
        .catch((e: Error) => ({ status: 503, body: { message: e.message } })),
    })),
  );
  const containers = answers.filter((a) => a.answer.status === 200).map((a) => a.answer.body);
  const failures = answers.filter((a) => a.answer.status !== 200);
  if (containers.length > 0) {
    const failed = failures.map((f) => ({
      container_id: f.worker.id,
      container_name: f.worker.name,
      error: String(f.answer.body.message ?? f.answer.status),
    }));
    return sendJson(response, 200, { containers: [...containers, ...failed], failures: failures.length });
  }
  if (failures.every((f) => f.answer.status === 501)) return sendError(response, 501, NOT_IMPLEMENTED);
  sendError(response, 503, 'Container metrics are unavailable from Agent runtime');
}
