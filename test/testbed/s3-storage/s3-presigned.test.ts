import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { fetch } from 'undici';
import type { RunningS3Storage } from '../../../testbed/services/s3-storage/s3-storage-server.ts';
import { verifySigV4 } from '../../../testbed/services/s3-storage/sigv4-verifier.ts';
import { presignGetUrl } from '../../../testbed/shared/presign-get.ts';
import { ACCESS_KEY, makeDataDir, SECRET_KEY, s3Client, startStorage } from './s3-storage-helpers.ts';

/** AWS's published example of query-string authentication (S3 API reference, "sigv4-query-string-auth"). */
const AWS_EXAMPLE = {
  credentials: {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  host: 'examplebucket.s3.amazonaws.com',
  url: '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
};

/** A GET as the verifier sees it: only the URL, the method and the headers matter. */
function getRequest(url: string, host: string): IncomingMessage {
  return {
    url,
    method: 'GET',
    headers: { host },
    headersDistinct: { host: [host] },
  } as unknown as IncomingMessage;
}

describe('presigned URLs: SigV4 query-string authentication', () => {
  it("accepts AWS's published example within its day, and names why it refuses it otherwise", () => {
    const request = getRequest(AWS_EXAMPLE.url, AWS_EXAMPLE.host);
    const at = (iso: string) => verifySigV4(request, AWS_EXAMPLE.credentials, { now: new Date(iso) });
    assert.deepEqual(at('2013-05-24T12:00:00Z'), { ok: true });
    const refused = (check: ReturnType<typeof verifySigV4>) => (check.ok ? 'accepted' : check.error.message);
    assert.equal(refused(at('2013-05-25T00:00:01Z')), 'Request has expired');
    assert.equal(refused(at('2013-05-23T23:00:00Z')), 'Request is not valid yet');
    const tampered = getRequest(AWS_EXAMPLE.url.replace('/test.txt', '/other.txt'), AWS_EXAMPLE.host);
    assert.match(
      refused(verifySigV4(tampered, AWS_EXAMPLE.credentials, { now: new Date('2013-05-24T12:00:00Z') })),
      /signature we calculated does not match/,
    );
    const otherSecret = { ...AWS_EXAMPLE.credentials, secretAccessKey: 'not-the-secret' };
    assert.match(
      refused(verifySigV4(request, otherSecret, { now: new Date('2013-05-24T12:00:00Z') })),
      /does not match/,
    );
    assert.equal(
      refused(
        verifySigV4(request, AWS_EXAMPLE.credentials, {
          presigned: false,
          now: new Date('2013-05-24T12:00:00Z'),
        }),
      ),
      'Query-string (presigned URL) authentication is not supported here',
    );
  });

  it('signs as AWS does: the published example comes out of presignGetUrl for the same request', () => {
    // The example is virtual-host style: the bucket is in the host, the key alone in the path.
    const url = presignGetUrl({
      endpoint: 'https://examplebucket.s3.amazonaws.com',
      pathSegments: ['test.txt'],
      expiresSeconds: 86400,
      region: 'us-east-1',
      ...AWS_EXAMPLE.credentials,
      now: new Date('2013-05-24T00:00:00Z'),
    });
    assert.equal(url, `https://${AWS_EXAMPLE.host}${AWS_EXAMPLE.url}`);
  });
});

describe('presigned GETs against the S3 stand-in', () => {
  let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
  let storage: RunningS3Storage;
  before(async () => {
    dataDir = await makeDataDir();
    storage = await startStorage(dataDir.path);
    await s3Client(storage.port).send(
      new PutObjectCommand({ Bucket: 'e2e-test-bucket', Key: 'dir/a b.txt', Body: 'presign-content' }),
    );
  });
  after(async () => {
    await storage.close();
    await dataDir.remove();
  });

  const presign = (key: string, secretAccessKey = SECRET_KEY) =>
    presignGetUrl({
      endpoint: `http://localhost:${storage.port}`,
      pathSegments: ['e2e-test-bucket', ...key.split('/')],
      expiresSeconds: 120,
      region: 'ap-northeast-1',
      accessKeyId: ACCESS_KEY,
      secretAccessKey,
    });

  it('a plain GET of the URL, no header, returns the object; a wrong secret or a changed key is 403', async () => {
    const answer = await fetch(presign('dir/a b.txt'));
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'presign-content');
    const wrong = await fetch(presign('dir/a b.txt', 'other-secret'));
    assert.equal(wrong.status, 403);
    assert.match(await wrong.text(), /SignatureDoesNotMatch/);
    const moved = await fetch(presign('dir/a b.txt').replace('/a%20b.txt', '/b.txt'));
    assert.equal(moved.status, 403);
    await moved.text();
  });
});
