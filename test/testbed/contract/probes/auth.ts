import assert from 'node:assert/strict';
import { describeAnswer, expectJson } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

const LOGIN_PATH = '/user/auth/v1';

function login(ctx: ProbeContext, apiKey: string, body: unknown) {
  return ctx.call(LOGIN_PATH, body, { anonymous: true, headers: { 'x-api-key': apiKey } });
}

function credentials(ctx: ProbeContext, password = ctx.env.AUTH_PASS) {
  return { AuthParameters: { USERNAME: ctx.env.AUTH_USER, PASSWORD: password } };
}

export const healthProbe: ContractProbe = {
  name: 'health: GET /health is 200 with status healthy',
  section: '§5.1 SMK-001 STD-005',
  async run(ctx) {
    const body = expectJson(
      await ctx.call('/health', undefined, { method: 'GET', anonymous: true }),
      200,
      '/health',
    );
    assert.equal(body.status, 'healthy', `/health status is ${JSON.stringify(body.status)}`);
  },
};

export const authProbes: ContractProbe[] = [
  {
    name: 'auth: login answers 200 with an IdToken and PADMA_USER_AUTHORIZED: true',
    section: '§2 STD-006',
    async run(ctx) {
      const answer = await login(ctx, ctx.env.X_API_KEY ?? '', credentials(ctx));
      const body = expectJson(answer, 200, 'login');
      const token = (body.AuthenticationResult as { IdToken?: unknown } | undefined)?.IdToken;
      assert.ok(typeof token === 'string' && token.length > 0, `login: no IdToken in ${answer.text}`);
      assert.equal(token.split('.').length, 3, 'login: the IdToken is not a JWT');
      assert.equal(
        answer.headers.get('padma_user_authorized'),
        'true',
        'login: PADMA_USER_AUTHORIZED missing',
      );
    },
  },
  {
    name: 'auth: login with a wrong API key is 401 Unauthorized',
    section: '§2',
    async run(ctx) {
      const body = expectJson(await login(ctx, 'wrong-key', credentials(ctx)), 401, 'login with a wrong key');
      assert.equal(body.message, 'Unauthorized');
    },
  },
  {
    name: 'auth: login with a wrong password is 401 Unauthorized with PADMA_USER_AUTHORIZED',
    section: '§2',
    async run(ctx) {
      const answer = await login(ctx, ctx.env.X_API_KEY ?? '', credentials(ctx, 'wrong-password'));
      assert.equal(expectJson(answer, 401, 'login with a wrong password').message, 'Unauthorized');
      assert.equal(
        answer.headers.get('padma_user_authorized'),
        'true',
        'PADMA_USER_AUTHORIZED missing on 401',
      );
    },
  },
  {
    name: 'auth: a malformed login body is 422 Validation Error',
    section: '§2',
    async run(ctx) {
      const body = expectJson(
        await login(ctx, ctx.env.X_API_KEY ?? '', { nothing: 1 }),
        422,
        'malformed login',
      );
      assert.equal(body.message, 'Validation Error');
      assert.equal(typeof body.detail, 'string', 'malformed login: detail is not a string');
    },
  },
  {
    name: 'auth: Bearer in any case and a bare token are accepted; other schemes and bad tokens are 401',
    section: '§2',
    async run(ctx) {
      const token = await ctx.token();
      const pools = (authorization: string) =>
        ctx.call('/metrics/pools', undefined, { method: 'GET', headers: { authorization } });
      for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, token]) {
        const answer = await pools(header);
        assert.equal(answer.status, 200, `Authorization '${header.slice(0, 7)}…': ${describeAnswer(answer)}`);
      }
      for (const header of [`Basic ${token}`, 'Bearer not-a-jwt', `Bearer ${token}x`]) {
        const answer = await pools(header);
        assert.equal(
          answer.status,
          401,
          `Authorization '${header.slice(0, 12)}…': ${describeAnswer(answer)}`,
        );
      }
    },
  },
  {
    name: 'auth: POST /api/echo without a token is 401',
    section: '§2 STD-007',
    async run(ctx) {
      const answer = await ctx.call('/api/echo', { message: 'test' }, { anonymous: true });
      assert.equal(expectJson(answer, 401, '/api/echo without a token').message, 'Unauthorized');
    },
  },
  {
    name: 'auth: an unknown path without a token is 401, not 404',
    section: '§2',
    async run(ctx) {
      const answer = await ctx.call('/api/nonexistent', { action: 'test' }, { anonymous: true });
      assert.equal(expectJson(answer, 401, '/api/nonexistent without a token').message, 'Unauthorized');
    },
  },
];
