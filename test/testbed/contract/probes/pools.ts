import assert from 'node:assert/strict';
import { describeAnswer, expectJson } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

const INTEGER_FIELDS = [
  'total_workers',
  'idle',
  'busy',
  'provisioning',
  'max_capacity',
  'min_capacity',
] as const;

/** One /api/echo call; with `expectReply` also its `Echo: <message>` answer (ASC-001/002/003 check it). */
async function echo(ctx: ProbeContext, message: string, expectReply = true): Promise<void> {
  const answer = await ctx.call('/api/echo', { message });
  assert.equal(answer.status, 200, `/api/echo ${message}: ${describeAnswer(answer)}`);
  if (!expectReply) return;
  const reply = String((answer.json as { message?: unknown } | undefined)?.message);
  assert.ok(reply.startsWith(`Echo: ${message}`), `/api/echo ${message}: message ${reply}`);
}

export const poolProbes: ContractProbe[] = [
  {
    name: 'pools: /metrics/pools lists lambda-echo with every field, integers and acquire_timeout 30',
    section: '§5.6 STD-013',
    async run(ctx) {
      await echo(ctx, 'metrics', false);
      const answer = await ctx.call('/metrics/pools', undefined, { method: 'GET' });
      const body = expectJson(answer, 200, '/metrics/pools');
      assert.ok(!Number.isNaN(Date.parse(String(body.collected_at))), 'collected_at is not a timestamp');
      const entry = (body.pools as Record<string, unknown>[]).find((p) => p.function_name === 'lambda-echo');
      assert.ok(entry !== undefined, `no lambda-echo entry: ${answer.text}`);
      for (const field of INTEGER_FIELDS)
        assert.ok(Number.isInteger(entry[field]), `${field} is not an integer: ${JSON.stringify(entry)}`);
      assert.equal(entry.acquire_timeout, 30, 'acquire_timeout');
      assert.equal(
        entry.busy,
        (entry.total_workers as number) - (entry.idle as number),
        'busy = total - idle',
      );
      assert.equal(entry.max_capacity, 1, 'lambda-echo max_capacity');
      assert.equal(entry.min_capacity, 1, 'lambda-echo min_capacity');
    },
  },
  {
    name: 'pools: echo (max 1) serves sequential, 3 and 10 concurrent calls on exactly one worker',
    section: '§5.5 ASC-001 ASC-002 ASC-003',
    async run(ctx) {
      await echo(ctx, 'autoscale-1');
      await ctx.waitForPool('lambda-echo', (p) => (p.total_workers as number) >= 1, {
        what: 'total_workers ≥ 1',
      });
      await echo(ctx, 'autoscale-2');
      // The worker is idle from the end of the first call that ends, and the probe stacks prune an idle worker
      // after a few seconds: a pool read only after that may find it pruned, which tells nothing about the
      // burst. A machine that slow makes the calls again; more than one worker is a failure at once.
      const idleMs = (Number(ctx.env.GATEWAY_IDLE_TIMEOUT_SECONDS) || 15) * 1000;
      for (const [count, label] of [
        [3, 'concurrent'],
        [10, 'stress'],
      ] as const) {
        for (let attempt = 1; ; attempt++) {
          let firstEnded = Number.POSITIVE_INFINITY;
          await Promise.all(
            Array.from({ length: count }, (_, i) =>
              echo(ctx, `${label}-${i}`).then(() => {
                firstEnded = Math.min(firstEnded, performance.now());
              }),
            ),
          );
          const entry = (await ctx.pools()).find((p) => p.function_name === 'lambda-echo');
          // Pruned: no worker, or no entry (a stack with pool-entry-removed-on-prune drops it with the worker).
          const pruned =
            (entry === undefined || entry.total_workers === 0) && performance.now() - firstEnded >= idleMs;
          if (pruned && attempt < 3) continue;
          assert.equal(entry?.total_workers, 1, `after ${count} concurrent calls: ${JSON.stringify(entry)}`);
          break;
        }
      }
    },
  },
  {
    name: 'pools: concurrent calls to two functions leave both echo and chaos pools with a worker',
    section: '§5.5 ASC-004',
    async run(ctx) {
      // The workers are idle once the calls end, and the probe stacks prune an idle worker after a few seconds:
      // a machine so loaded that the pools are read only after that cannot tell, and the calls are made again.
      const idleMs = (Number(ctx.env.GATEWAY_IDLE_TIMEOUT_SECONDS) || 15) * 1000;
      for (let attempt = 1; ; attempt++) {
        // A pool's worker is idle from the end of that pool's last call, which may come well before the end of
        // the slowest call: the earliest end is when pruning could first begin.
        let firstEnded = Number.POSITIVE_INFINITY;
        const timed = (answer: ReturnType<typeof ctx.call>) =>
          answer.then((a) => {
            firstEnded = Math.min(firstEnded, performance.now());
            return a;
          });
        const calls = [
          timed(ctx.call('/api/echo', { message: 'multi-func-1' })),
          timed(ctx.call('/api/echo', { message: 'multi-func-2' })),
          timed(ctx.call('/api/faulty', { action: 'hello' })),
          timed(ctx.call('/api/faulty', { action: 'hello' })),
        ];
        for (const answer of await Promise.all(calls))
          assert.equal(answer.status, 200, `concurrent call: ${describeAnswer(answer)}`);
        try {
          for (const name of ['lambda-echo', 'lambda-chaos'])
            await ctx.waitForPool(name, (p) => (p.total_workers as number) >= 1, {
              what: 'total_workers ≥ 1',
              timeoutMs: idleMs / 2,
            });
          return;
        } catch (error) {
          if (attempt >= 3 || performance.now() - firstEnded < idleMs) throw error;
        }
      }
    },
  },
  {
    name: 'pools: an idle scaling worker is pruned and its pool entry stays with total_workers 0',
    section: '§5.5 §5.6 ASC-005',
    async run(ctx) {
      const scaling = async (message: string, sleep_ms: number) => {
        const body = expectJson(await ctx.call('/api/scaling', { message, sleep_ms }), 200, '/api/scaling');
        assert.equal(body.message, 'scaling-test');
      };
      await scaling('scale-to-zero-test', 100);
      await ctx.waitForPool('lambda-scaling', (p) => (p.total_workers as number) >= 1, { what: 'total ≥ 1' });
      const idle = Number(ctx.env.GATEWAY_IDLE_TIMEOUT_SECONDS);
      const heartbeat = Number(ctx.env.HEARTBEAT_INTERVAL);
      await ctx.waitForPool('lambda-scaling', (p) => p.total_workers === 0, {
        timeoutMs: (idle + 2 * heartbeat) * 1000 + 4_000,
        what: 'pruned to total_workers 0, entry kept',
      });
      await scaling('scale-to-zero-after', 0);
    },
  },
];
