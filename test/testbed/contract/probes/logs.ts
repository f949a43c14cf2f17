import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeHits,
  expectJson,
  expectSuccess,
  hex,
  messageOf,
  newTestTrace,
  proxyBodyOf,
} from '../probe-helpers.ts';
import type { ContractProbe, LogHit } from '../probe-types.ts';

const SUCCESS_LINE = 'CloudWatch Logs E2E verification successful!';
const isDebug = (h: LogHit) => (h.level ?? '').toUpperCase() === 'DEBUG';
const levelsOf = (hits: readonly LogHit[], upper: boolean) =>
  new Set(hits.map((h) => (upper ? (h.level ?? '').toUpperCase() : (h.level ?? ''))));

function assertLevels(hits: readonly LogHit[], upper: boolean, what: string): void {
  const levels = levelsOf(hits, upper);
  for (const level of ['DEBUG', 'ERROR', 'INFO'])
    assert.ok(levels.has(level), `${what}: no ${level} record among ${describeHits(hits)}`);
}

export const logProbes: ContractProbe[] = [
  {
    name: 'logs: python echo leaves structured records with _time and DEBUG, none with container_name UNKNOWN',
    section: '§4.3 §7.4 RTP-002',
    async run(ctx) {
      const trace = newTestTrace();
      const answer = await ctx.call(
        '/api/echo',
        { message: 'Log quality test' },
        {
          headers: { 'x-amzn-trace-id': trace.header },
        },
      );
      assert.equal(answer.status, 200, `/api/echo: ${answer.text}`);
      const { hits, found } = await ctx.waitForLogs(`trace_id:"${trace.root}"`, {
        until: (all) =>
          all.some((h) => h.level !== undefined && messageOf(h) !== '') &&
          all.some((h) => h._time !== undefined) &&
          // RTP-002 accepts any DEBUG hit; the gateway's own DEBUG records would satisfy that without the
          // function's, so the probe asks for lambda-echo's DEBUG record: the point is that it reaches VictoriaLogs.
          all.some((h) => h.container_name === 'lambda-echo' && (h.level === 'DEBUG' || h.level === 'debug')),
      });
      assert.ok(
        found,
        `no structured record, _time, or lambda-echo DEBUG record under the root: ${describeHits(hits)}`,
      );
      assert.ok(!hits.some((h) => h.container_name === 'UNKNOWN'), 'a record has container_name UNKNOWN');
    },
  },
  {
    name: 'logs: java echo leaves at least 2 records under the bare root, one DEBUG',
    section: '§4.3 §7.4 RTJ-002',
    async run(ctx) {
      const trace = newTestTrace();
      const answer = await ctx.call(
        '/api/echo-java',
        { message: 'Log quality test' },
        {
          headers: { 'x-amzn-trace-id': trace.header },
        },
      );
      assert.equal(answer.status, 200, `/api/echo-java: ${answer.text}`);
      const { hits, found } = await ctx.waitForLogs(
        `trace_id:"${trace.root}" AND container_name:"lambda-echo-java"`,
        {
          minHits: 2,
          matcher: (h) => messageOf(h).includes('Echo: Log quality test'),
          until: (all) => all.some(isDebug) && all.some((h) => h._time !== undefined),
        },
      );
      assert.ok(
        found,
        `expected ≥2 records incl. Echo: Log quality test and a DEBUG one: ${describeHits(hits)}`,
      );
    },
  },
  {
    name: 'logs: python CloudWatch passthrough delivers exactly 4 distinct records from lambda-connectivity',
    section: '§4.4 §7.4 RTP-003',
    perRevision: true,
    async run(ctx) {
      const answer = await ctx.call(
        '/2015-03-31/functions/lambda-connectivity/invocations',
        { body: '{"action": "test_cloudwatch"}' },
        { anonymous: true },
      );
      const body = proxyBodyOf(expectJson(answer, 200, 'Invoke API lambda-connectivity'), 'test_cloudwatch');
      assert.equal(body.success, true, `test_cloudwatch: ${JSON.stringify(body)}`);
      const query = `logger:${ctx.esb.cloudwatchLogger.python} AND log_group:"${String(body.log_group)}" AND log_stream:"${String(body.log_stream)}"`;
      const first = await ctx.waitForLogs(query, { minHits: 4, limit: 20 });
      assert.ok(first.found, `fewer than 4 passthrough records: ${describeHits(first.hits)}`);
      // A late duplicate would make the count 5 or more: look again after the shippers' next flushes.
      await sleep(1000);
      const hits = await ctx.queryLogs(query, 20);
      assert.equal(hits.length, 4, `expected exactly 4 passthrough records: ${describeHits(hits)}`);
      assert.equal(new Set(hits.map((h) => `${h.level}\u0000${h._msg}`)).size, 4, 'records are not distinct');
      for (const hit of hits)
        assert.equal(hit.container_name, 'lambda-connectivity', `container_name of ${messageOf(hit)}`);
      assertLevels(hits, false, 'python passthrough');
      assert.ok(
        hits.some((h) => (h._msg ?? '').includes(SUCCESS_LINE)),
        'no success line',
      );
    },
  },
  {
    name: 'logs: java CloudWatch passthrough delivers at least 4 records of its logger from lambda-connectivity-java',
    section: '§4.4 §7.4 RTJ-003',
    perRevision: true,
    async run(ctx) {
      const answer = await ctx.call('/api/connectivity/java', { action: 'test_cloudwatch' });
      const body = expectSuccess(answer, 'java test_cloudwatch');
      assert.ok(body.log_group && body.log_stream, `java test_cloudwatch: ${answer.text}`);
      const query = `logger:"${ctx.esb.cloudwatchLogger.java}" AND log_group:"${String(body.log_group)}" AND log_stream:"${String(body.log_stream)}"`;
      const { hits, found } = await ctx.waitForLogs(query, { minHits: 4, limit: 20 });
      assert.ok(found, `fewer than 4 passthrough records: ${describeHits(hits)}`);
      for (const hit of hits)
        assert.equal(hit.container_name, 'lambda-connectivity-java', `container_name of ${messageOf(hit)}`);
      assertLevels(hits, true, 'java passthrough');
      assert.ok(
        hits.some((h) => messageOf(h).includes(SUCCESS_LINE)),
        'no success line',
      );
    },
  },
  {
    name: 'logs: the image function CloudWatch marker is found in lambda-image records',
    section: '§4.2 §7.4 STD-029',
    // The logger is its runtime's, and the image is a Java one on containerd from 2026-03-02 on.
    perRevision: true,
    async run(ctx) {
      const marker = `image-cloudwatch-${hex(16)}`;
      const answer = await ctx.call('/api/image', { action: 'test_cloudwatch', marker });
      const cloudwatch = expectSuccess(answer, 'image test_cloudwatch').cloudwatch as Record<string, unknown>;
      const group = cloudwatch?.log_group;
      const stream = cloudwatch?.log_stream;
      assert.ok(typeof group === 'string' && group !== '', 'cloudwatch.log_group is not a non-empty string');
      assert.ok(
        typeof stream === 'string' && stream !== '',
        'cloudwatch.log_stream is not a non-empty string',
      );
      const query = `container_name:"lambda-image" AND logger:"${ctx.esb.cloudwatchLogger[ctx.esb.imageRuntime[ctx.mode]]}" AND log_group:"${group}" AND log_stream:"${stream}"`;
      const { hits, found } = await ctx.waitForLogs(query, { matcher: (h) => messageOf(h).includes(marker) });
      assert.ok(found, `marker not found: ${describeHits(hits)}`);
    },
  },
];
