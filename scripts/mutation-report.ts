// npm run mutation-report [-- --render-only] [--keep-as-before]
//
// Runs `esb-e2e mutate` on a fresh testbed for every environment of the matrix (seed 1, the default budgets) and
// writes docs/mutations/<env>.json and docs/mutations.md. --render-only writes the page from the JSON already
// there; --keep-as-before also copies the JSON to docs/mutations/before/<env>.json, the reports the page compares
// its kill rates with (taken before the catalogue's cases were strengthened against the survivors).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../runner/load/load-catalogue.ts';
import { mutationMarkdown } from '../runner/mutate/mutation-markdown.ts';
import { type MutationReport, readMutationReport } from '../runner/mutate/mutation-report.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const folder = join(root, 'docs', 'mutations');
const renderOnly = process.argv.includes('--render-only');
const keepAsBefore = process.argv.includes('--keep-as-before');
const envs = loadCatalogue(root).matrix.environments.map((e) => e.name);
mkdirSync(join(folder, 'before'), { recursive: true });

const reports: MutationReport[] = [];
const before = new Map<string, MutationReport>();
for (const env of envs) {
  const path = join(folder, `${env}.json`);
  if (!renderOnly) {
    const result = spawnSync(
      process.execPath,
      [join(root, 'bin', 'esb-e2e.mjs'), 'mutate', '--env', env, '--seed', '1', '--json', path],
      { cwd: root, stdio: 'inherit' },
    );
    if (result.status !== 0) {
      console.error(
        `mutation-report: esb-e2e mutate --env ${env} exited ${result.status}; the page is not written`,
      );
      process.exit(1);
    }
  }
  reports.push(readMutationReport(readFileSync(path, 'utf8'), path));
  const beforePath = join(folder, 'before', `${env}.json`);
  if (keepAsBefore) copyFileSync(path, beforePath);
  if (existsSync(beforePath))
    before.set(env, readMutationReport(readFileSync(beforePath, 'utf8'), beforePath));
}
writeFileSync(join(root, 'docs', 'mutations.md'), mutationMarkdown(reports, before));
console.log(`mutation-report: docs/mutations.md (${envs.join(', ')})`);
