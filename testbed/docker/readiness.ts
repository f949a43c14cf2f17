import { Agent, fetch } from 'undici';
import type { ReadinessProbe } from './service-specs.ts';

// The gateway's certificate is self-signed; the testbed probes it the way clients do with VERIFY_SSL=false.
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

/** Polls a probe until it answers (with the wanted status, if any) or the deadline passes. */
export async function waitReady(probe: ReadinessProbe, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(probe.url, { dispatcher: insecure, signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (probe.status === undefined || response.status === probe.status) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${probe.url} not ready (${last})`);
}
