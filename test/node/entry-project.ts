import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

/** How many cases each scenario folder of the generated project holds: deliberately uneven. */
export const ENTRY_PROJECT_CASES: Readonly<Record<string, number>> = {
  autoscaling: 2,
  restart: 3,
  'runtime/java': 4,
  'runtime/python': 5,
  smoke: 1,
  standard: 11,
};

/** A scenario folder's case IDs: the first three letters of its last part, upper-cased, e.g. JAV-001. */
export function caseIdsOf(scenario: string): string[] {
  const prefix = (scenario.split('/').at(-1) ?? scenario).slice(0, 3).toUpperCase();
  return Array.from(
    { length: ENTRY_PROJECT_CASES[scenario] ?? 0 },
    (_, k) => `${prefix}-${String(k + 1).padStart(3, '0')}`,
  );
}

function catalogueFile(scenario: string): string {
  const depth = scenario.split('/').length + 1;
  const cases = caseIdsOf(scenario).map(
    (id) => `  - test: test_${id.toLowerCase().replace('-', '_')}
    id: ${id}
    anchor: desc-${id.toLowerCase()}
    category: 機能系
    fixture: none
    doc:
      guarantee: 保証する。
      input: 入力する。
      pass_criteria: 合格すること。
      failure_hint: 確認する。
    steps:
      - sleep: 0
`,
  );
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schema/catalog-file.schema.json\ncases:\n${cases.join('')}`;
}

/**
 * A project root for ESB_E2E_ROOT with the scenario folders of the real entry files (e2e/*.test.ts) and cheap
 * cases (no fixture, one `sleep: 0`), so a run of every entry file takes seconds. e2e-docker runs every folder,
 * e2e-containerd all but runtime/.
 */
export function createEntryProject(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'esb-e2e-entry-project-'));
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  mkdirSync(join(root, 'catalog'), { recursive: true });
  writeFileSync(
    join(root, 'catalog', 'categories.yaml'),
    '# yaml-language-server: $schema=../schema/categories.schema.json\ncategories:\n  - name: 機能系\n    description: 機能を確認するテスト。\n',
  );
  for (const scenario of Object.keys(ENTRY_PROJECT_CASES)) {
    mkdirSync(join(root, 'catalog', scenario), { recursive: true });
    writeFileSync(join(root, 'catalog', scenario, 'test_cases.yaml'), catalogueFile(scenario));
  }
  mkdirSync(join(root, 'environments'), { recursive: true });
  const suite = (name: string, folder: string) =>
    `  ${name}:\n    targets:\n      - ../catalog/${folder}/\n    exclude: []\n`;
  writeFileSync(
    join(root, 'environments', 'test_matrix.yaml'),
    `# yaml-language-server: $schema=../schema/test-matrix.schema.json
suites:
${suite('smoke', 'smoke')}${suite('scaling', 'autoscaling')}${suite('standard', 'standard')}${suite('runtime', 'runtime')}${suite('restart', 'restart')}
environments:
  e2e-docker:
    suites: [smoke, scaling, standard, runtime, restart]
  e2e-containerd:
    suites: [smoke, scaling, standard, restart]
`,
  );
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A loopback HTTP server answering GET /health with `status` (a gateway that is up, or up but unhealthy). */
export async function startHealthServer(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/health' ? status : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: status === 200 ? 'healthy' : 'starting' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * The environment of an entry-file child run against the generated project: a clean environment, the project
 * root, a lock folder and a gateway, with credentials set (their values are what the redaction tests look for).
 */
export function entryRunEnv(run: {
  readonly root: string;
  readonly lockDir: string;
  readonly gatewayUrl: string;
}): Record<string, string> {
  return {
    ...cleanEnv(['GATEWAY_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS']),
    ESB_E2E_ROOT: run.root,
    ESB_E2E_LOCK_DIR: run.lockDir,
    GATEWAY_URL: run.gatewayUrl,
    X_API_KEY: 'key-7f3e9a1c55',
    AUTH_USER: 'e2e-user',
    AUTH_PASS: 'pass-2b8d4e6f90',
  };
}
