import { proxyFromEnv } from '../config/proxy.ts';
import { sendHttp } from './http-client.ts';
import type { RunContext } from './run-context.ts';
import { sleepSeconds } from './sleep.ts';

/** The longest the runner waits for the platform to answer again after a case that took it whole. */
export const PLATFORM_SETTLE_SECONDS = 60;
const POLL_SECONDS = 0.5;
const CALL_TIMEOUT_SECONDS = 5;

/**
 * The endpoints that answer once the platform is back: the gateway's /health and, when the client environment
 * names one (AGENT_METRICS_URL), the agent's metrics endpoint.
 */
function readinessUrls(ctx: RunContext): string[] {
  const urls = [`${ctx.settings.gateway_url}/health`];
  if ((ctx.env.AGENT_METRICS_URL ?? '').trim() !== '') urls.push(`${ctx.settings.agent_metrics_url}/metrics`);
  return urls;
}

async function answers200(ctx: RunContext, url: string, signal: AbortSignal): Promise<boolean> {
  try {
    const response = await sendHttp({
      method: 'GET',
      url,
      headers: {},
      timeoutSeconds: CALL_TIMEOUT_SECONDS,
      verifySsl: ctx.settings.verify_ssl,
      proxy: proxyFromEnv(ctx.env),
      signal,
    });
    return response.status === 200;
  } catch {
    if (signal.aborted) throw signal.reason;
    return false;
  }
}

/**
 * After a case that took the whole platform (a service restarted or crashed), waits until the platform answers
 * again, before the case lets go of it: a case may pass once its own calls succeed while a restarted service
 * is still starting (STD-016's echo is answered by a warm worker while the agent restarts), and the next case
 * would meet a platform that cannot start a worker. Bounded by PLATFORM_SETTLE_SECONDS; past that, the next
 * cases say what does not answer.
 */
export async function waitForPlatform(ctx: RunContext): Promise<void> {
  const deadline = performance.now() + PLATFORM_SETTLE_SECONDS * 1000;
  const pending = readinessUrls(ctx);
  while (pending.length > 0 && performance.now() < deadline) {
    const answered = await Promise.all(pending.map((url) => answers200(ctx, url, ctx.signal)));
    for (let i = pending.length - 1; i >= 0; i--) if (answered[i]) pending.splice(i, 1);
    if (pending.length > 0) await sleepSeconds(POLL_SECONDS, ctx.signal);
  }
}
