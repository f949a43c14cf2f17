import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FUNCTIONS, type FunctionDefinition } from '../../../testbed/functions/function-catalog.ts';
import { CircuitBreaker } from '../../../testbed/services/gateway/circuit-breaker.ts';
import { resolveFunctionName } from '../../../testbed/services/gateway/function-name.ts';
import { signToken, verifyToken } from '../../../testbed/services/gateway/jwt.ts';
import { mapProxyResponse } from '../../../testbed/services/gateway/proxy-event.ts';
import {
  formatTraceHeader,
  newTrace,
  parseTraceHeader,
} from '../../../testbed/services/gateway/trace-header.ts';
import {
  type WorkerHandle,
  WorkerPool,
  type WorkerProvisioner,
} from '../../../testbed/services/gateway/worker-pool.ts';
import { mintJwt } from '../golden/golden-lines.ts';

/** Hands out numbered workers and records removals; stands in for the agent in pool arithmetic. */
class CountingProvisioner implements WorkerProvisioner {
  created = 0;
  removed: string[] = [];
  async create(functionName: string): Promise<WorkerHandle> {
    this.created += 1;
    return { id: `w${this.created}`, name: `w${this.created}`, functionName, host: '127.0.0.1', port: 1 };
  }
  async remove(id: string): Promise<void> {
    this.removed.push(id);
  }
}

const echo = FUNCTIONS.find((f) => f.name === 'lambda-echo') as FunctionDefinition;

describe('circuit breaker', () => {
  it('opens at the threshold, counts failures across successes, and half-opens after the open duration', () => {
    const breaker = new CircuitBreaker(3, 10_000);
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(1);
    assert.equal(breaker.state, 'CLOSED');
    breaker.recordFailure(2);
    assert.equal(breaker.state, 'OPEN');
    assert.equal(breaker.allow(5_000), false);
    assert.equal(breaker.allow(10_002), false, 'exactly the open duration is not yet more than it');
    assert.equal(breaker.allow(10_003), true);
    assert.equal(breaker.state, 'HALF_OPEN');
    breaker.recordSuccess();
    assert.deepEqual([breaker.state, breaker.failures], ['CLOSED', 0]);
  });

  it('reopens on a failure while half-open; the never-opens fault ignores failures', () => {
    const breaker = new CircuitBreaker(3, 10);
    for (const t of [0, 1, 2]) breaker.recordFailure(t);
    assert.equal(breaker.allow(20), true);
    breaker.recordFailure(20);
    assert.equal(breaker.state, 'OPEN');
    const broken = new CircuitBreaker(3, 10, true);
    for (const t of [0, 1, 2, 3]) broken.recordFailure(t);
    assert.equal(broken.allow(4), true);
  });
});

describe('trace header', () => {
  it('normalises Root and Parent and defaults Sampled to 1', () => {
    assert.equal(
      formatTraceHeader(parseTraceHeader('Root=1-abc-def;Parent=53995c3f42cd8ad8') ?? assert.fail()),
      'Root=1-abc-def;Parent=53995c3f42cd8ad8;Sampled=1',
    );
    // As ESB reads them (../shared/golden, trace-*): keys are case-sensitive, a value without = is the root.
    assert.equal(formatTraceHeader(parseTraceHeader('Sampled=1') ?? assert.fail()), 'Root=;Sampled=1');
    assert.equal(
      formatTraceHeader(parseTraceHeader('root=1-a-b;sampled=1') ?? assert.fail()),
      'Root=;Sampled=1',
    );
    assert.equal(
      formatTraceHeader(parseTraceHeader('garbage-zz') ?? assert.fail()),
      'Root=garbage-zz;Sampled=1',
    );
    assert.equal(parseTraceHeader(''), undefined);
  });

  it('generates 8-digit epoch roots', () => {
    assert.match(formatTraceHeader(newTrace(0x12345 * 1000)), /^Root=1-00012345-[0-9a-f]{24};Sampled=1$/);
  });
});

describe('HS256 tokens', () => {
  it('verifies its own tokens and rejects tampered, foreign or expired ones', () => {
    const token = signToken('esb', 'x'.repeat(32), 3000, 1_000_000);
    assert.equal(verifyToken(token, 'x'.repeat(32), 1_000_000), 'esb');
    assert.equal(verifyToken(token, 'y'.repeat(32), 1_000_000), undefined);
    assert.equal(verifyToken(`${token}x`, 'x'.repeat(32), 1_000_000), undefined);
    assert.equal(verifyToken(token, 'x'.repeat(32), 1_000_000 + 3_000_001), undefined);
  });

  it('rejects, as ESB (PyJWT) does, a future nbf or iat and an empty, missing or numeric sub', () => {
    const secrets = { X_API_KEY: '', AUTH_USER: 'esb', AUTH_PASS: '', JWT_SECRET: 'k'.repeat(32) };
    const verdict = (claims: Record<string, unknown>) =>
      verifyToken(mintJwt({ alg: 'HS256', key: '${JWT_SECRET}', claims }, secrets), secrets.JWT_SECRET);
    assert.equal(verdict({ sub: 'esb', iat: 'now', exp: 'now+60' }), 'esb');
    assert.equal(verdict({ sub: 'esb', nbf: 'now+60', exp: 'now+120' }), undefined);
    assert.equal(verdict({ sub: 'esb', iat: 'now+60', exp: 'now+120' }), undefined);
    assert.equal(verdict({ sub: '', exp: 'now+60' }), undefined);
    assert.equal(verdict({ exp: 'now+60' }), undefined);
    assert.equal(verdict({ sub: 123, exp: 'now+60' }), undefined);
    // No exp is accepted, as ESB accepts it.
    assert.equal(verdict({ sub: 'esb' }), 'esb');
  });
});

describe('worker pool', () => {
  it('reuses an idle worker, queues beyond max capacity and serves the queue on release', async () => {
    const provisioner = new CountingProvisioner();
    const pool = new WorkerPool(echo, provisioner);
    const first = await pool.acquire();
    const queued = pool.acquire();
    assert.deepEqual([pool.metrics().total_workers, pool.metrics().busy], [1, 1]);
    pool.release(first);
    assert.equal(await queued, first);
    pool.release(first);
    assert.equal(provisioner.created, 1);
    assert.deepEqual(pool.metrics(), {
      function_name: 'lambda-echo',
      total_workers: 1,
      idle: 1,
      busy: 0,
      provisioning: 0,
      max_capacity: 1,
      min_capacity: 1,
      acquire_timeout: 30,
    });
  });

  it('times out a queued request with the documented message', async () => {
    const pool = new WorkerPool({ ...echo, acquireTimeoutSeconds: 0.05 }, new CountingProvisioner());
    await pool.acquire();
    await assert.rejects(pool.acquire(), /^Error: Failed to start container lambda-echo: acquire timeout/);
  });

  it('prunes workers idle longer than the timeout and keeps the entry at zero', async () => {
    const provisioner = new CountingProvisioner();
    const pool = new WorkerPool(echo, provisioner);
    pool.release(await pool.acquire());
    assert.equal(pool.prune(60_000).length, 0);
    assert.equal(pool.prune(-1).length, 1);
    assert.equal(pool.metrics().total_workers, 0);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(provisioner.removed, ['w1']);
  });

  it('over-capacity and queue-rejects faults break exactly the capacity rules', async () => {
    const over = new WorkerPool(echo, new CountingProvisioner(), { ignoreCapacity: true });
    await Promise.all([over.acquire(), over.acquire()]);
    assert.equal(over.metrics().total_workers, 2);
    const rejecting = new WorkerPool(echo, new CountingProvisioner(), { rejectWhenFull: true });
    await rejecting.acquire();
    await assert.rejects(rejecting.acquire(), /pool is full/);
  });
});

describe('proxy response mapping', () => {
  it('maps statusCode, headers and a JSON body string; other JSON is 200', () => {
    const proxy = mapProxyResponse(
      Buffer.from(JSON.stringify({ statusCode: 201, headers: { 'x-a': '1' }, body: '{"ok":true}' })),
    );
    assert.deepEqual([proxy.status, proxy.headers['x-a'], proxy.body], [201, '1', '{"ok":true}']);
    const plain = mapProxyResponse(Buffer.from('{"success":true}'));
    assert.deepEqual([plain.status, plain.body], [200, '{"success":true}']);
    assert.equal(mapProxyResponse(Buffer.from('not json')).body.toString(), 'not json');
  });

  it('from ESB 2026-03-02 on, a body whose isBase64Encoded is exactly true is decoded and sent raw', () => {
    const proxy = (fields: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, ...fields }));
    const head = (fields: Record<string, unknown>, failures: string[] = []) =>
      mapProxyResponse(proxy(fields), { base64Bodies: true, onDecodeFailure: () => failures.push('failed') });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const decoded = head({ body: png.toString('base64'), isBase64Encoded: true });
    assert.ok(Buffer.isBuffer(decoded.body) && decoded.body.equals(png));
    assert.deepEqual(decoded.headers, { 'Content-Type': 'image/png' });
    assert.equal(head({ body: null, isBase64Encoded: true }).body.length, 0);
    assert.equal(head({ isBase64Encoded: true }).body.length, 0);
    // Only the boolean true: the string "true" keeps the seed's behaviour.
    assert.equal(head({ body: 'aGk=', isBase64Encoded: 'true' }).body, 'aGk=');
    // Not strict base64: sent as the text it was, and the gateway logs a warning.
    for (const bad of ['aGk', 'a$k=', 'aGk=\n']) {
      const failures: string[] = [];
      assert.equal(head({ body: bad, isBase64Encoded: true }, failures).body, bad);
      assert.deepEqual(failures, ['failed'], bad);
    }
    // The seed never decodes.
    assert.equal(mapProxyResponse(proxy({ body: 'aGk=', isBase64Encoded: true })).body, 'aGk=');
  });
});

describe('Invoke API function names (ESB 2026-03-02 on)', () => {
  it('resolves a full ARN, a partial ARN and name:qualifier to the name; anything else stays as it is', () => {
    const resolved = (text: string) => {
      const name = resolveFunctionName(text);
      return name === undefined ? undefined : [name.resolved, name.qualifier ?? null];
    };
    assert.deepEqual(resolved('arn:aws:lambda:ap-northeast-1:123456789012:function:lambda-echo'), [
      'lambda-echo',
      null,
    ]);
    assert.deepEqual(resolved('arn:aws-cn:lambda:cn-north-1:123456789012:function:lambda-echo:prod'), [
      'lambda-echo',
      'prod',
    ]);
    assert.deepEqual(resolved('123456789012:function:lambda-echo:7'), ['lambda-echo', '7']);
    assert.deepEqual(resolved('lambda-echo:prod'), ['lambda-echo', 'prod']);
    assert.deepEqual(resolved('  lambda-echo  '), ['lambda-echo', null]);
    assert.deepEqual(resolved('a:b:c'), ['a:b:c', null]);
    assert.deepEqual(resolved('arn:aws:lambda:us-east-1:1234:function:x'), [
      'arn:aws:lambda:us-east-1:1234:function:x',
      null,
    ]);
    assert.equal(resolved('   '), undefined);
  });
});
