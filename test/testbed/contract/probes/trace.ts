import assert from 'node:assert/strict';
import {
  describeHits,
  expectJson,
  expectSuccess,
  hex,
  isUuid,
  messageOf,
  newTestTrace,
  proxyBodyOf,
  settlePool,
} from '../probe-helpers.ts';
import type { ContractProbe, LogHit } from '../probe-types.ts';

/** Whether a hit belongs to a component, as STD-026 classifies: container_name substring or `_stream`. */
function fromComponent(hit: LogHit, component: string): boolean {
  return (
    (hit.container_name ?? '').includes(component) ||
    (hit._stream ?? '').includes(`container_name="${component}"`)
  );
}

const fromGateway = (hit: LogHit) => (hit.container_name ?? '').includes('gateway') || hit.job === 'gateway';

function requestIds(hits: readonly LogHit[], component: string): Set<string> {
  return new Set(
    hits.filter((h) => fromComponent(h, component) && h.aws_request_id).map((h) => h.aws_request_id ?? ''),
  );
}

export const traceProbes: ContractProbe[] = [
  {
    name: 'trace: the response echoes the inbound root and lambda-integration sees it in its trace_id',
    section: '§5.4',
    async run(ctx) {
      const trace = newTestTrace();
      const answer = await ctx.call('/api/lambda', {}, { headers: { 'x-amzn-trace-id': trace.header } });
      const body = expectSuccess(answer, '/api/lambda with a trace');
      assert.equal(answer.headers.get('x-amzn-trace-id'), trace.header, 'X-Amzn-Trace-Id of the response');
      assert.ok(isUuid(answer.headers.get('x-amzn-requestid') ?? ''), 'x-amzn-RequestId is not a UUID');
      assert.ok(String(body.trace_id).includes(`Root=${trace.root}`), `trace_id ${String(body.trace_id)}`);
    },
  },
  {
    name: 'trace: a chained call leaves gateway, integration and echo records under one root, with distinct request ids',
    section: '§4.3 §5.4 §7.4 STD-009',
    async run(ctx) {
      const trace = newTestTrace();
      const event = { next_target: 'lambda-echo', message: `Chain Verification ${hex(6)}` };
      expectSuccess(
        await ctx.call('/api/lambda', event, { headers: { 'x-amzn-trace-id': trace.header } }),
        '/api/lambda chain',
      );
      const { hits, found } = await ctx.waitForLogs(`trace_id:"${trace.root}"`, {
        until: (all) =>
          all.some(fromGateway) &&
          all.some((h) => fromComponent(h, 'lambda-integration')) &&
          all.some((h) => fromComponent(h, 'lambda-echo')),
      });
      assert.ok(found, `not every component logged under the root: ${describeHits(hits)}`);
      const integration = requestIds(hits, 'lambda-integration');
      const echo = requestIds(hits, 'lambda-echo');
      assert.ok(integration.size > 0 && echo.size > 0, 'aws_request_id missing on function records');
      for (const id of [...integration, ...echo]) assert.ok(isUuid(id), `aws_request_id ${id} is not a UUID`);
      const shared = [...integration].filter((id) => echo.has(id));
      assert.deepEqual(shared, [], 'integration and echo records share an aws_request_id');
    },
  },
  {
    name: 'trace: an Invoke API chain to lambda-connectivity keeps the root in gateway and both functions',
    section: '§5.3 §5.4 §7.4 STD-026',
    async run(ctx) {
      const trace = newTestTrace();
      const answer = await ctx.call(
        '/2015-03-31/functions/lambda-integration/invocations',
        { next_target: 'lambda-connectivity' },
        { headers: { 'x-amzn-trace-id': trace.header } },
      );
      const body = proxyBodyOf(
        expectJson(answer, 200, 'Invoke API lambda-integration'),
        'lambda-integration',
      );
      assert.ok(String(body.trace_id).includes(`Root=${trace.root}`), `trace_id ${String(body.trace_id)}`);
      assert.ok(body.child !== null && body.child !== undefined, 'lambda-integration: child is null');
      const components = ['esb-gateway', 'lambda-integration', 'lambda-connectivity'];
      const { hits, found } = await ctx.waitForLogs(`trace_id:"${trace.root}"`, {
        until: (all) => components.every((c) => all.some((h) => fromComponent(h, c))),
      });
      assert.ok(found, `not every component logged under the root: ${describeHits(hits)}`);
    },
  },
  {
    name: 'trace: an async chain runs lambda-echo under the caller root (Echo: from-chain)',
    section: '§4.5 §5.3 §7.4 STD-012',
    async run(ctx) {
      const answer = await ctx.call('/api/lambda', { next_target: 'lambda-echo', async: true });
      const body = expectSuccess(answer, '/api/lambda async');
      assert.equal(typeof body.trace_id, 'string', 'trace_id is not a string');
      const root = String(body.trace_id).split(';')[0]?.replace('Root=', '') ?? '';
      const { hits, found } = await ctx.waitForLogs(`trace_id:"${root}" AND container_name:"lambda-echo"`, {
        matcher: (h) => messageOf(h).includes('Echo: from-chain'),
      });
      await settlePool(ctx, 'lambda-echo');
      assert.ok(found, `no Echo: from-chain record under ${root}: ${describeHits(hits)}`);
    },
  },
];
