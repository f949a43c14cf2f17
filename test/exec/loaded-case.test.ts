import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCase } from '../../runner/exec/run-case.ts';
import { createRunContext } from '../../runner/exec/run-context.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { copyProject, FIXTURES } from '../helpers/project-copy.ts';
import { SECRETS, startGateway, TOKEN } from './exec-harness.ts';
import { reply, type TestServer } from './test-server.ts';

const project = copyProject(join(FIXTURES, 'base-project'));
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  project.cleanup();
});

// The base project's alpha file, rewritten with steps: the matrix case calls /api/<runtime>.
const ALPHA = `# yaml-language-server: $schema=../../schema/catalog-file.schema.json
cases:
  - test: test_health
    id: ALP-001
    anchor: desc-alpha-health
    category: 制御系
    fixture: health
    doc:
      guarantee: 疎通を保証する。
      input: "\`GET /health\` を実行する。"
      pass_criteria: "\`200\` を返すこと。"
      failure_hint: 起動状態を確認する。
    steps:
      - request: { path: /health, auth: none }
        expect: { status: 200 }
  - test: test_echo
    matrix:
      runtime: [python, java]
    id:
      python: ALP-002
      java: ALP-003
    anchor: desc-alpha-echo-\${matrix.runtime}
    category: 機能系
    doc:
      guarantee: \${matrix.runtime | capitalize} のechoを保証する。
      input: "\`/api/\${matrix.runtime}\` を呼ぶ。"
      pass_criteria: "\`200\` を返すこと。"
      failure_hint: ルーティングを確認する。
    steps:
      - name: echo
        request: { path: '/api/\${matrix.runtime}', json: { message: hello } }
        expect:
          status: 200
          assert:
            - { path: $.runtime, equals: '\${matrix.runtime}' }
`;

test('cases loaded by the real loader run, and their failures point into the catalogue file', async () => {
  mkdirSync(join(project.root, 'catalog', 'alpha'), { recursive: true });
  writeFileSync(join(project.root, 'catalog', 'alpha', 'test_one.yaml'), ALPHA);
  const gw = await startGateway({
    '/api/python': (req, res) => reply(res, 200, { runtime: 'python', auth: req.headers.authorization }),
    '/api/java': (_req, res) => reply(res, 502, { message: 'Bad Gateway', leaked: TOKEN }),
  });
  servers.push(gw);
  const catalogue = loadCatalogue(project.root);
  const ctx = createRunContext({
    projectRoot: project.root,
    env: { ...SECRETS, GATEWAY_URL: gw.url },
    lockDir: join(project.root, '.locks'),
  });
  const byId = new Map(catalogue.cases.map((c) => [c.id, c]));
  const run = (id: string) => {
    const planned = byId.get(id);
    if (planned === undefined) throw new Error(`${id} is not in the catalogue`);
    return runCase(planned, ctx);
  };

  assert.equal((await run('ALP-001')).status, 'passed');
  const python = await run('ALP-002');
  assert.equal(python.status, 'passed', python.failure);
  const java = await run('ALP-003');
  assert.equal(java.status, 'failed');
  const text = java.failure ?? '';
  assert.match(text, /^ALP-003 test_echo\[java\]: step "echo" \(request\) failed/);
  assert.match(text, /catalog\/alpha\/test_one\.yaml:30:9: the failing step "echo" \(request\)/);
  assert.match(text, /request: POST https:\/\/127\.0\.0\.1:\d+\/api\/java/);
  assert.match(text, /catalog\/alpha\/test_one\.yaml:33:19: expected status 200, got 502/);
  assert.ok(!text.includes(TOKEN));
  assert.equal(gw.requests.filter((r) => r.url === '/user/auth/v1').length, 1, 'one login for the file');
});
