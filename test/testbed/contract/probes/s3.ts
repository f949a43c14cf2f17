import assert from 'node:assert/strict';
import { expectJson, expectSuccess, hex } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

const BUCKET = 'e2e-test-bucket';
const s3 = (ctx: ProbeContext, event: Record<string, unknown>) =>
  ctx.call('/api/s3', { bucket: BUCKET, ...event });

export const s3Probes: ContractProbe[] = [
  {
    name: 's3: put then get returns the content',
    section: '§4.2 STD-019',
    async run(ctx) {
      const key = `test-object-${hex(4)}.txt`;
      expectSuccess(await s3(ctx, { action: 'put', key, body: 'Hello from E2E test!' }), 's3 put');
      const got = expectSuccess(await s3(ctx, { action: 'get', key }), 's3 get');
      assert.equal(got.content, 'Hello from E2E test!', 's3 get: content');
    },
  },
  {
    name: 's3: list has objects, and a prefix list returns exactly the prefixed keys',
    section: '§4.2 STD-020 STD-023',
    async run(ctx) {
      const all = expectSuccess(await s3(ctx, { action: 'list' }), 's3 list');
      assert.ok(Array.isArray(all.objects), 's3 list: objects is not an array');
      const prefix = `prefix-test-${hex(4)}/`;
      for (const i of [0, 1, 2])
        await s3(ctx, { action: 'put', key: `${prefix}file${i}.txt`, body: `content${i}` });
      const listed = expectSuccess(await s3(ctx, { action: 'list', prefix }), 's3 list with prefix');
      assert.deepEqual(
        [...((listed.objects as string[] | undefined) ?? [])].sort(),
        [0, 1, 2].map((i) => `${prefix}file${i}.txt`),
        's3 list with prefix: objects',
      );
    },
  },
  {
    name: 's3: a second put overwrites the object',
    section: '§4.2 STD-022',
    async run(ctx) {
      const key = `test-overwrite-${hex(4)}.txt`;
      await s3(ctx, { action: 'put', key, body: 'original' });
      await s3(ctx, { action: 'put', key, body: 'overwritten' });
      assert.equal(expectJson(await s3(ctx, { action: 'get', key }), 200, 's3 get').content, 'overwritten');
    },
  },
  {
    name: 's3: delete succeeds and a get afterwards is 500 NoSuchKey',
    section: '§4.2 STD-021',
    async run(ctx) {
      const key = `test-delete-${hex(4)}.txt`;
      await s3(ctx, { action: 'put', key, body: 'to be deleted' });
      expectSuccess(await s3(ctx, { action: 'delete', key }), 's3 delete');
      const got = expectJson(await s3(ctx, { action: 'get', key }), 500, 's3 get after delete');
      assert.equal(got.success, false, 's3 get after delete: success');
      assert.match(String(got.error), /NoSuchKey/, 's3 get after delete: error');
    },
  },
];
