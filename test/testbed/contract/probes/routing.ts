import assert from 'node:assert/strict';
import { expectJson } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

export const routingProbes: ContractProbe[] = [
  {
    name: 'routing: POST /api/nonexistent with a token is 404 Not Found',
    section: '§2 §3 STD-008',
    async run(ctx) {
      const body = expectJson(
        await ctx.call('/api/nonexistent', { action: 'test' }),
        404,
        '/api/nonexistent',
      );
      assert.equal(body.message, 'Not Found');
    },
  },
  {
    name: 'routing: a route called with the wrong method is 404 with a token',
    section: '§2',
    async run(ctx) {
      const answer = await ctx.call('/api/echo', undefined, { method: 'GET' });
      assert.equal(expectJson(answer, 404, 'GET /api/echo').message, 'Not Found');
    },
  },
];
