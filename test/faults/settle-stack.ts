import { setTimeout as sleep } from 'node:timers/promises';
import { BREAKER_RECOVERY_SECONDS } from '../testbed/contract/contract-stack.ts';
import { createProbeContext } from '../testbed/contract/probe-context.ts';
import type { StackMode } from '../testbed/contract/probe-types.ts';

/**
 * Between the probes and the catalogue cases on one stack: lambda-chaos answers hello again, so its breaker is
 * closed. The breaker probe ends on a closed breaker when it passes, but under a breaker fault it fails midway
 * and leaves the breaker open, which STD-018's first crash would then meet. A hello after the open duration is
 * the half-open trial that closes it. Under faults that keep it from closing, the cases say so themselves.
 */
export async function closeChaosBreaker(clientEnv: Record<string, string>, mode: StackMode): Promise<void> {
  const ctx = createProbeContext(clientEnv, mode);
  const deadline = Date.now() + (BREAKER_RECOVERY_SECONDS * 3 + 10) * 1000;
  while (Date.now() < deadline) {
    const answer = await ctx.call('/api/faulty', { action: 'hello' });
    if (answer.status === 200) return;
    await sleep(250);
  }
}
