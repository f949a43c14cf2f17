import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { expectJson, expectSuccess } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

const dynamo = (ctx: ProbeContext, event: Record<string, unknown>) => ctx.call('/api/dynamo', event);

async function putItem(ctx: ProbeContext, message: string): Promise<string> {
  const body = expectJson(await dynamo(ctx, { action: 'put', message }), 200, 'dynamo put');
  assert.equal(typeof body.item_id, 'string', `dynamo put: no item_id in ${JSON.stringify(body)}`);
  return body.item_id as string;
}

export const dynamoProbes: ContractProbe[] = [
  {
    name: 'dynamo: put_get returns the item it wrote',
    section: '§4.2 STD-001',
    async run(ctx) {
      const body = expectSuccess(await dynamo(ctx, { action: 'put_get' }), 'dynamo put_get');
      const item = body.retrieved_item as { id?: { S?: unknown } } | undefined;
      assert.equal(item?.id?.S, body.item_id, `dynamo put_get: retrieved_item.id.S: ${JSON.stringify(body)}`);
    },
  },
  {
    name: 'dynamo: update really changes the message',
    section: '§4.2 STD-002',
    async run(ctx) {
      const id = await putItem(ctx, 'Original message');
      const update = await dynamo(ctx, { action: 'update', id, message: 'Updated message' });
      expectSuccess(update, 'dynamo update');
      const got = expectJson(await dynamo(ctx, { action: 'get', id }), 200, 'dynamo get after update');
      assert.equal(got.found, true, 'dynamo get after update: found');
      const message = (got.item as { message?: { S?: unknown } } | null)?.message?.S;
      assert.equal(message, 'Updated message', 'dynamo get after update: item.message.S');
    },
  },
  {
    name: 'dynamo: delete answers deleted true and the item is gone',
    section: '§4.2 STD-003',
    async run(ctx) {
      const id = await putItem(ctx, 'To be deleted');
      const deleted = expectJson(await dynamo(ctx, { action: 'delete', id }), 200, 'dynamo delete');
      assert.equal(deleted.deleted, true, 'dynamo delete: deleted');
      const got = expectJson(await dynamo(ctx, { action: 'get', id }), 200, 'dynamo get after delete');
      assert.equal(got.found, false, 'dynamo get after delete: found');
    },
  },
  {
    name: 'dynamo: get of an unknown id is success, found false, item null',
    section: '§4.2 STD-004',
    async run(ctx) {
      const body = expectSuccess(
        await dynamo(ctx, { action: 'get', id: randomUUID() }),
        'dynamo get unknown',
      );
      assert.equal(body.found, false, 'dynamo get unknown: found');
      assert.ok('item' in body, 'dynamo get unknown: item is missing');
      assert.equal(body.item, null, 'dynamo get unknown: item');
    },
  },
];
