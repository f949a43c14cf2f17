import assert from 'node:assert/strict';
import { describeAnswer, expectJson, proxyBodyOf } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

const invokePath = (name: string) => `/2015-03-31/functions/${name}/invocations`;

export const invokeApiProbes: ContractProbe[] = [
  {
    name: 'invoke api: sync call without a token returns the raw proxy payload, not unwrapped',
    section: '§4.1 §5.3',
    async run(ctx) {
      const answer = await ctx.call(invokePath('lambda-echo'), { message: 'direct' }, { anonymous: true });
      const payload = expectJson(answer, 200, 'Invoke API lambda-echo');
      assert.equal(
        payload.statusCode,
        200,
        `Invoke API: the payload is not the raw proxy object: ${answer.text}`,
      );
      assert.equal(typeof payload.body, 'string', 'Invoke API: body is not a string');
      assert.equal(proxyBodyOf(payload, 'Invoke API').message, 'Echo: direct');
    },
  },
  {
    name: 'invoke api: X-Amz-Invocation-Type Event answers 202 with an empty body at once',
    section: '§5.3',
    async run(ctx) {
      const answer = await ctx.call(
        invokePath('lambda-scaling'),
        { message: 'event', sleep_ms: 1500 },
        { anonymous: true, headers: { 'x-amz-invocation-type': 'Event' } },
      );
      assert.equal(answer.status, 202, `Event invoke: ${describeAnswer(answer)}`);
      assert.equal(answer.text, '', 'Event invoke: body is not empty');
      assert.ok(
        answer.elapsedMs < 1000,
        `Event invoke took ${answer.elapsedMs.toFixed(0)} ms: not immediate`,
      );
    },
  },
  {
    name: 'invoke api: an unknown function is 404 Function not found: <name>',
    section: '§2 §5.2',
    async run(ctx) {
      const answer = await ctx.call(invokePath('no-such-function'), {}, { anonymous: true });
      assert.equal(
        expectJson(answer, 404, 'Invoke API unknown').message,
        'Function not found: no-such-function',
      );
    },
  },
];
