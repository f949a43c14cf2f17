import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './project-copy.ts';

/**
 * A project of its own (for ESB_E2E_ROOT) as another repository would hold it: the schema, one category, one
 * scenario folder with one catalogue file, a matrix whose one environment runs that scenario's suite, the entry
 * file, and this checkout installed as its esb-e2e dependency (a link, as npm would resolve it).
 */
export function scratchProject(
  root: string,
  options: { readonly env: string; readonly scenario: string; readonly file: string; readonly cases: string },
): string {
  const { env, scenario, file, cases } = options;
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  mkdirSync(join(root, 'catalog', scenario), { recursive: true });
  writeFileSync(
    join(root, 'catalog', 'categories.yaml'),
    '# yaml-language-server: $schema=../schema/categories.schema.json\ncategories:\n  - name: 機能系\n    description: 機能を確認するテスト。\n',
  );
  writeFileSync(
    join(root, 'catalog', scenario, file),
    `# yaml-language-server: $schema=../../schema/catalog-file.schema.json\n${cases}`,
  );
  mkdirSync(join(root, 'environments'), { recursive: true });
  writeFileSync(
    join(root, 'environments', 'test_matrix.yaml'),
    `# yaml-language-server: $schema=../schema/test-matrix.schema.json\nsuites:\n  ${scenario}:\n    targets: [../catalog/${scenario}/]\n    exclude: []\nenvironments:\n  ${env}:\n    suites: [${scenario}]\n`,
  );
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(REPO_ROOT, join(root, 'node_modules', 'esb-e2e'));
  mkdirSync(join(root, 'e2e'), { recursive: true });
  writeFileSync(
    join(root, 'e2e', `${scenario}.test.ts`),
    `import { registerScenario } from 'esb-e2e';\n\nregisterScenario('${scenario}');\n`,
  );
  return root;
}
