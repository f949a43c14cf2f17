import assert from 'node:assert/strict';
import { expectSuccess, type JsonObject } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

const RUNTIMES = [
  { runtime: 'python', path: '/api/connectivity/python' },
  { runtime: 'java', path: '/api/connectivity/java' },
] as const;

/** SMK-009's child check: a string must parse; a string `body` must parse to success true; else success true. */
function assertChildSucceeded(child: unknown, what: string): void {
  assert.notEqual(child, null, `${what}: child is null`);
  assert.notEqual(child, undefined, `${what}: child is missing`);
  const value: unknown = typeof child === 'string' ? JSON.parse(child) : child;
  assert.ok(value !== null && typeof value === 'object', `${what}: child is not an object: ${String(child)}`);
  const body = (value as JsonObject).body;
  const inner = typeof body === 'string' ? (JSON.parse(body) as JsonObject) : (value as JsonObject);
  assert.equal(inner.success, true, `${what}: child success is not strictly true: ${JSON.stringify(value)}`);
}

export const connectivityProbes: ContractProbe[] = RUNTIMES.flatMap(({ runtime, path }): ContractProbe[] => [
  {
    name: `connectivity ${runtime}: echo answers Echo: <message>`,
    section: '§4.2 SMK-003 SMK-004',
    async run(ctx) {
      const message = `smoke-${runtime}`;
      const body = expectSuccess(await ctx.call(path, { action: 'echo', message }), `${path} echo`);
      assert.equal(body.action, 'echo');
      assert.equal(body.message, `Echo: ${message}`, `${path} echo: message`);
    },
  },
  {
    name: `connectivity ${runtime}: dynamodb_put succeeds`,
    section: '§4.2 SMK-005 SMK-006',
    async run(ctx) {
      const event = { action: 'dynamodb_put', key: `smoke-${runtime}`, value: 'ok' };
      assert.equal(expectSuccess(await ctx.call(path, event), `${path} dynamodb_put`).action, 'dynamodb_put');
    },
  },
  {
    name: `connectivity ${runtime}: s3_put succeeds`,
    section: '§4.2 SMK-007 SMK-008',
    async run(ctx) {
      const event = {
        action: 's3_put',
        bucket: 'e2e-test-bucket',
        key: `${runtime}-smoke.txt`,
        content: 'ok',
      };
      assert.equal(expectSuccess(await ctx.call(path, event), `${path} s3_put`).action, 's3_put');
    },
  },
  {
    name: `connectivity ${runtime}: chain_invoke of lambda-echo returns a successful child`,
    section: '§4.2 §4.5 SMK-009 SMK-010',
    async run(ctx) {
      const event = { action: 'chain_invoke', target: 'lambda-echo', message: 'from-smoke' };
      const body = expectSuccess(await ctx.call(path, event), `${path} chain_invoke`);
      assert.equal(body.action, 'chain_invoke');
      assertChildSucceeded(body.child, `${path} chain_invoke`);
    },
  },
]);
