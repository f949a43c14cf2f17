import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { MAX_BODY_BYTES, sendHttp } from '../../runner/exec/http-client.ts';
import { Project, runYaml, startGateway, why } from './exec-harness.ts';
import type { TestServer } from './test-server.ts';

// A server that answers 100 MB: the runner keeps MAX_BODY_BYTES of it, counts and hashes the rest, and the
// failure says exactly what came.

const TOTAL = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 'x');
const DIGEST = (() => {
  const hash = createHash('sha256');
  for (let sent = 0; sent < TOTAL; sent += CHUNK.length) hash.update(CHUNK);
  return hash.digest('hex');
})();

/** Streams TOTAL bytes without holding them, waiting for the socket to drain. */
async function hundredMegabytes(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(TOTAL) });
  for (let sent = 0; sent < TOTAL; sent += CHUNK.length) {
    if (!res.write(CHUNK)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

const project = new Project();
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

test('a 100 MB body: the first MAX_BODY_BYTES are kept, the size and sha256 of the whole are reported', async () => {
  const gw = await startGateway({ '/api/huge': (_req, res) => hundredMegabytes(res) });
  servers.push(gw);
  const response = await sendHttp({
    method: 'GET',
    url: `${gw.url}/api/huge`,
    headers: {},
    verifySsl: false,
  });
  assert.equal(response.status, 200);
  assert.equal(response.text.length, MAX_BODY_BYTES);
  assert.deepEqual(response.cut, { totalBytes: TOTAL, sha256: DIGEST });

  const result = await runYaml(
    project,
    gw,
    `
cases:
  - test: test_huge_body
    id: BIG-001
    steps:
      - request: { path: /api/huge }
        expect: { status: 201 }
`,
  );
  assert.equal(result.status, 'failed');
  const failure = why(result);
  assert.match(
    failure,
    new RegExp(
      `the body was ${TOTAL} bytes \\(sha256 ${DIGEST}\\); only its first ${MAX_BODY_BYTES} bytes were kept for the checks`,
    ),
  );
  assert.match(failure, /expected status 201, got 200/);
  assert.ok(failure.length < 10_000, `the failure text is ${failure.length} characters`);
});

test('a body up to the limit is whole, with no note', async () => {
  const gw = await startGateway({
    '/api/fits': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(MAX_BODY_BYTES, 'y'));
    },
  });
  servers.push(gw);
  const response = await sendHttp({
    method: 'GET',
    url: `${gw.url}/api/fits`,
    headers: {},
    verifySsl: false,
  });
  assert.equal(response.text.length, MAX_BODY_BYTES);
  assert.equal(response.cut, undefined);
});
