import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';

/** The scratch repository's case IDs, in run order. */
export const CONSUMER_CASES = ['PNG-001', 'PNG-002'] as const;

/** Its one environment (environments/test_matrix.yaml). */
export const CONSUMER_ENV = 'local';

/** The schema folder of the installed package, as the consumer's modelines name it from catalog/<scenario>/. */
const SCHEMA = 'node_modules/esb-e2e/schema';

function caseYaml(id: string, test: string, steps: string): string {
  return `  - test: ${test}
    id: ${id}
    anchor: desc-${id.toLowerCase()}
    category: smoke
    fixture: none
    doc:
      guarantee: The gateway answers.
      input: A GET request.
      pass_criteria: The expected status and body.
      failure_hint: Is the gateway up?
    steps:
${steps}`;
}

/**
 * What another repository keeps of its own when it depends on esb-e2e: catalog/ (one scenario, ping, of two
 * cases), catalog/categories.yaml, environments/test_matrix.yaml and the entry file e2e/ping.test.ts importing
 * registerScenario from the package; the modelines name the installed package's schemas. No schema/ of its own.
 */
export function writeConsumerProject(root: string): void {
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: 'esb-e2e-consumer', private: true, type: 'module' }, null, 2)}\n`,
    'catalog/categories.yaml': `# yaml-language-server: $schema=../${SCHEMA}/categories.schema.json
categories:
  - name: smoke
    description: The gateway answers.
`,
    'catalog/ping/test_ping.yaml': `# yaml-language-server: $schema=../../${SCHEMA}/catalog-file.schema.json
cases:
${caseYaml(
  'PNG-001',
  'test_gateway_health',
  `      - name: gateway health
        request: { target: gateway, method: GET, path: /health, auth: none }
        expect: { status: 200 }
`,
)}${caseYaml(
  'PNG-002',
  'test_gateway_ping',
  `      - name: gateway ping
        request: { target: gateway, method: GET, path: /ping, auth: none }
        expect:
          status: 200
          assert:
            - { path: $.pong, equals: true }
`,
)}`,
    'environments/test_matrix.yaml': `# yaml-language-server: $schema=../${SCHEMA}/test-matrix.schema.json
suites:
  ping:
    targets:
      - ../catalog/ping/
    exclude: []
environments:
  ${CONSUMER_ENV}:
    suites: [ping]
`,
    'e2e/ping.test.ts': "import { registerScenario } from 'esb-e2e';\n\nregisterScenario('ping');\n",
    // The programmatic API (package.json "exports" ./api): load, plan, print the planned IDs.
    'plan.ts': `import { defaultProjectRoot, loadCatalogue, planRun } from 'esb-e2e/api';

const plans = planRun(loadCatalogue(defaultProjectRoot()), { envs: [], suites: [], ids: [] });
process.stdout.write(\`\${JSON.stringify(plans.map((p) => [p.env, p.cases.map((c) => c.id)]))}\\n\`);
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A loopback gateway: /health answers 200; /ping answers {"pong": true}, or {"pong": false} when `wrong`. */
export interface PingGateway {
  readonly url: string;
  close(): Promise<void>;
}

export async function startPingGateway(wrong: boolean): Promise<PingGateway> {
  const server: Server = createServer((request, response) => {
    const known = request.url === '/health' || request.url === '/ping';
    response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.url === '/ping' ? { pong: !wrong } : { status: 'healthy' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
