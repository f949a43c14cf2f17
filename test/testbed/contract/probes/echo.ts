import assert from 'node:assert/strict';
import { expectSuccess } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

async function echoAnswersUser(ctx: ProbeContext, path: string, message: string): Promise<void> {
  const body = expectSuccess(await ctx.call(path, { message }), path);
  assert.equal(body.message, `Echo: ${message}`, `${path}: message`);
  assert.equal(body.user, ctx.env.AUTH_USER, `${path}: user is not AUTH_USER`);
}

export const echoProbes: ContractProbe[] = [
  {
    name: 'echo: /api/echo answers success, Echo: <message> and user AUTH_USER',
    section: '§4.2 RTP-001',
    run: (ctx) => echoAnswersUser(ctx, '/api/echo', 'hello-basic'),
  },
  {
    name: 'echo: /api/echo-java answers success, Echo: <message> and user AUTH_USER',
    section: '§4.2 RTJ-001',
    run: (ctx) => echoAnswersUser(ctx, '/api/echo-java', 'hello-java'),
  },
];
