import assert from 'node:assert/strict';
import { expectSuccess, proxyBodyOf, settlePool } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

export const chainProbes: ContractProbe[] = [
  {
    name: 'chain: /api/lambda sync child is lambda-echo proxy 200 with Echo: from-chain',
    section: '§4.2 §4.5 STD-011',
    async run(ctx) {
      const body = expectSuccess(
        await ctx.call('/api/lambda', { next_target: 'lambda-echo' }),
        '/api/lambda',
      );
      const child = body.child as { statusCode?: unknown } | null | undefined;
      assert.ok(child !== null && child !== undefined, '/api/lambda: child is null');
      assert.equal(child.statusCode, 200, `/api/lambda: child.statusCode: ${JSON.stringify(child)}`);
      const inner = proxyBodyOf(child, '/api/lambda child');
      assert.equal(inner.success, true, '/api/lambda: child success is not strictly true');
      assert.equal(inner.message, 'Echo: from-chain', '/api/lambda: child message');
    },
  },
  {
    name: 'chain: /api/lambda async child is {status: async-started, status_code: 202} with a trace_id',
    section: '§4.2 §4.5 STD-012',
    async run(ctx) {
      const answer = await ctx.call('/api/lambda', { next_target: 'lambda-echo', async: true });
      const body = expectSuccess(answer, '/api/lambda async');
      assert.deepEqual(body.child, { status: 'async-started', status_code: 202 }, '/api/lambda async: child');
      assert.equal(typeof body.trace_id, 'string', '/api/lambda async: trace_id is not a string');
      // The background echo must not collide with later probes on the single echo worker.
      await settlePool(ctx, 'lambda-echo');
    },
  },
];
