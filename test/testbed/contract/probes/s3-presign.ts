import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fetch } from 'undici';
import { expectSuccess } from '../probe-helpers.ts';
import type { ContractProbe } from '../probe-types.ts';

/** ESB 2026-03-02's presigned GET through the public S3 port (contract-head §4.2, §9; STD-030). */
export const s3PresignProbes: readonly ContractProbe[] = [
  {
    name: 's3 presign: presign_get answers a localhost:PORT_S3 URL that a plain GET serves with the object',
    section: '§4.2 §9 STD-030',
    since: '2026-03-02',
    async run(ctx) {
      const key = `test-presign-${randomBytes(4).toString('hex')}.txt`;
      const bucket = 'e2e-test-bucket';
      expectSuccess(
        await ctx.call('/api/s3', { action: 'put', bucket, key, body: 'presign-content' }),
        'put',
      );
      const body = expectSuccess(
        await ctx.call('/api/s3', { action: 'presign_get', bucket, key, expires_in: 120 }),
        'presign_get',
      );
      assert.equal(body.expires_in, 120, 'expires_in');
      assert.equal(typeof body.url, 'string', `url: ${JSON.stringify(body.url)}`);
      const url = new URL(body.url as string);
      assert.equal(url.hostname, 'localhost', `the URL's host: ${url.href}`);
      assert.equal(url.port, ctx.env.PORT_S3, `the URL's port: ${url.href}`);
      assert.equal(url.pathname, `/${bucket}/${key}`, `the URL's path (path style): ${url.href}`);
      assert.match(url.searchParams.get('X-Amz-Credential') ?? '', /\/ap-northeast-1\/s3\/aws4_request$/);
      const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const text = await answer.text();
      assert.equal(answer.status, 200, `GET of the presigned URL: ${answer.status} ${text.slice(0, 300)}`);
      assert.equal(text, 'presign-content', 'the object');
    },
  },
];
