import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeAnswer } from '../probe-helpers.ts';
import type { ContractProbe, GatewayAnswer, ProbeContext } from '../probe-types.ts';

const ROUNDS = 10;
const ROUND_PAUSE_MS = 300;

/** STD-013 step 3: up to 10 rounds of GET /metrics/containers, each right after an echo keeps a worker. */
async function containerRounds(
  ctx: ProbeContext,
  done: (answer: GatewayAnswer) => boolean,
): Promise<GatewayAnswer> {
  let last: GatewayAnswer | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const echo = await ctx.call('/api/echo', { message: 'metrics' });
    assert.equal(echo.status, 200, `/api/echo: ${describeAnswer(echo)}`);
    last = await ctx.call('/metrics/containers', undefined, { method: 'GET' });
    if (done(last)) return last;
    await sleep(ROUND_PAUSE_MS);
  }
  return last as GatewayAnswer;
}

type ContainerEntry = Record<string, unknown>;
const echoEntry = (answer: GatewayAnswer): ContainerEntry | undefined =>
  ((answer.json as { containers?: ContainerEntry[] } | undefined)?.containers ?? []).find(
    (c) => c.function_name === 'lambda-echo',
  );

export const containerMetricsProbes: ContractProbe[] = [
  {
    name: 'metrics: /metrics/containers is 501 not implemented in docker mode',
    section: '§5.7 STD-013',
    modes: ['docker'],
    async run(ctx) {
      const answer = await containerRounds(ctx, (a) => a.status === 501);
      assert.equal(answer.status, 501, `/metrics/containers: ${describeAnswer(answer)}`);
      const body = answer.json as { message?: unknown; detail?: unknown } | undefined;
      const text = String(body?.message ?? body?.detail ?? '').toLowerCase();
      assert.ok(
        text.includes('metrics are not implemented') || text.includes('docker'),
        `/metrics/containers 501 message: ${answer.text}`,
      );
    },
  },
  {
    name: 'metrics: /metrics/containers is 200 with lambda-echo RUNNING and its deployed memory_max in containerd mode',
    section: '§5.7 STD-013',
    modes: ['containerd'],
    perRevision: true,
    async run(ctx) {
      const answer = await containerRounds(
        ctx,
        (a) => a.status === 200 && Number(echoEntry(a)?.memory_max ?? 0) > 0,
      );
      assert.equal(answer.status, 200, `/metrics/containers: ${describeAnswer(answer)}`);
      const entry = echoEntry(answer);
      assert.ok(entry !== undefined, `no lambda-echo entry: ${answer.text.slice(0, 400)}`);
      assert.equal(entry.state, 'RUNNING', 'lambda-echo state');
      // 128 MiB at the seed, 512 MiB from ESB 2026-03-02 on.
      assert.equal(entry.memory_max, ctx.esb.memoryMb * 1024 * 1024, 'lambda-echo memory_max');
      assert.ok(Number(entry.memory_current) >= 0, 'memory_current < 0');
      assert.ok(Number(entry.cpu_usage_ns) >= 0, 'cpu_usage_ns < 0');
    },
  },
];
