import assert from 'node:assert/strict';
import { expectJson } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

export const chaosScalingProbes: ContractProbe[] = [
  {
    name: 'faulty: hello answers 200 Faulty Lambda is OK three times',
    section: '§4.2 STD-017',
    async run(ctx) {
      for (let i = 0; i < 3; i++) {
        const body = expectJson(
          await ctx.call('/api/faulty', { action: 'hello' }),
          200,
          `faulty hello #${i + 1}`,
        );
        assert.equal(body.message, 'Faulty Lambda is OK');
        assert.equal(body.action, 'hello');
        assert.ok(!('success' in body), 'faulty hello: has a success field');
      }
    },
  },
  {
    name: 'scaling: /api/scaling answers the constant scaling-test message',
    section: '§4.2',
    async run(ctx) {
      const body = expectJson(await ctx.call('/api/scaling', { message: 'x', sleep_ms: 50 }), 200, 'scaling');
      assert.equal(body.message, 'scaling-test');
      assert.equal(body.slept_ms, 50);
    },
  },
];
