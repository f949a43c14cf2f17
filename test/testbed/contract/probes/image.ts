import assert from 'node:assert/strict';
import { expectSuccess, hex, proxyBodyOf } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

export const imageProbes: ContractProbe[] = [
  {
    name: 'image: echo answers a plain object with success true',
    section: '§4.1 §4.2 STD-010',
    // The handler names the image: e2e-minimal-lambda at the seed, esb-e2e-image-<runtime> from 2026-03-02 on.
    perRevision: true,
    async run(ctx) {
      const body = expectSuccess(await ctx.call('/api/image', { message: 'hello-image' }), 'image echo');
      assert.equal(body.handler, ctx.esb.imageHandler[ctx.esb.imageRuntime[ctx.mode]]);
      assert.equal(body.message, 'hello-image');
    },
  },
  {
    name: 'image: chain_invoke of lambda-echo returns the child proxy with Echo: from-image-chain',
    section: '§4.2 STD-027',
    async run(ctx) {
      const event = { action: 'chain_invoke', target: 'lambda-echo', message: 'from-image-chain' };
      const body = expectSuccess(await ctx.call('/api/image', event), 'image chain_invoke');
      const chain = body.chain as { status_code?: unknown; child?: { statusCode?: unknown } } | undefined;
      assert.equal(chain?.status_code, 200, `image chain_invoke: chain ${JSON.stringify(chain)}`);
      assert.equal(chain?.child?.statusCode, 200, 'image chain_invoke: child.statusCode');
      const inner = proxyBodyOf(chain.child, 'image chain_invoke child');
      assert.equal(inner.success, true, 'image chain_invoke: child success');
      assert.equal(inner.message, 'Echo: from-image-chain', 'image chain_invoke: child message');
    },
  },
  {
    name: 'image: s3_roundtrip reads back what it wrote',
    section: '§4.2 STD-028',
    async run(ctx) {
      const key = `image-${hex(4)}.txt`;
      const event = { action: 's3_roundtrip', bucket: 'e2e-test-bucket', key, content: 'from-image-s3' };
      const body = expectSuccess(await ctx.call('/api/image', event), 'image s3_roundtrip');
      assert.deepEqual(body.s3, { bucket: 'e2e-test-bucket', key, content: 'from-image-s3' });
    },
  },
];
