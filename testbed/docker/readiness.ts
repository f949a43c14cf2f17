import { Agent, fetch } from 'undici';
import type { ReadinessProbe } from './service-specs.ts';

// The gateway's certificate is self-signed; the testbed probes it the way clients do with VERIFY_SSL=false.
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

/**
 * One probe's own bound. A service that has just started on a loaded machine may take seconds for its first TLS
 * handshake; a probe cut short at 2 s never saw it answer (the deadline is what bounds the wait as a whole).
 */
const PROBE_TIMEOUT_MS = 5_000;

/** A probe that never answered as wanted before the deadline: what it last saw, and for how long it tried. */
export class NotReadyError extends Error {
  constructor(
    readonly url: string,
    readonly lastSeen: string,
    readonly waitedMs: number,
  ) {
    super(`did not answer ${url} within ${(waitedMs / 1000).toFixed(1)} s (last: ${lastSeen})`);
  }
}

/** Polls a probe until it answers (with the wanted status, if any) or the deadline passes. */
export async function waitReady(probe: ReadinessProbe, deadline: number): Promise<void> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const timeout = Math.max(500, Math.min(PROBE_TIMEOUT_MS, deadline - Date.now()));
      const response = await fetch(probe.url, { dispatcher: insecure, signal: AbortSignal.timeout(timeout) });
      await response.arrayBuffer();
      if (probe.status === undefined || response.status === probe.status) return;
      last = `status ${response.status}`;
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      last =
        code ??
        ((error as Error).name === 'TimeoutError'
          ? 'connected, but no answer within the probe timeout'
          : (error as Error).message);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new NotReadyError(probe.url, last, Date.now() - started);
}
