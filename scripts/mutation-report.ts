// npm run mutation-report [-- --render-only] [--keep-as-before]
//
// Runs `esb-e2e mutate` on a fresh testbed for every environment of the matrix (seed 1, the default budgets) and
// writes docs/mutations/<env>.json and docs/mutations.md, and reports/mutations-html/index.html, the same as a
// page. --render-only writes the pages from the JSON already there; --keep-as-before also copies the JSON to docs/mutations/before/<env>.json, the reports the page compares
// its kill rates with (taken before the catalogue's cases were strengthened against the survivors). The
// survivors that docs/mutations/accepted.yaml accepts are listed with its reasons; the rest are the gaps left.
// A rule of that file that covers no survivor fails the script: remove it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../runner/load/load-catalogue.ts';
import { acceptSurvivors, readAcceptRules, unusedRuleLine } from '../runner/mutate/accepted-survivors.ts';
import { mutationMarkdown } from '../runner/mutate/mutation-markdown.ts';
import { type MutationReport, readMutationReport } from '../runner/mutate/mutation-report.ts';
import { mutationHtmlReport } from '../runner/report/html/html-report.ts';

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
const acceptedFile = 'docs/mutations/accepted.yaml';
const loaded = readAcceptRules(root, join(root, acceptedFile));
if (loaded.rules === undefined) {
  for (const problem of loaded.problems) console.error(problem);
  process.exit(1);
}
const { reports: marked, covered, unused } = acceptSurvivors(reports, loaded.rules);
writeFileSync(
  join(root, 'docs', 'mutations.md'),
  mutationMarkdown(marked, before, { file: acceptedFile, covered }),
);
console.log(`mutation-report: docs/mutations.md (${envs.join(', ')})`);
// The same reports as a page to browse (not committed: reports/ is the run's artefacts).
const page = join(root, 'reports', 'mutations-html');
mkdirSync(page, { recursive: true });
writeFileSync(join(page, 'index.html'), mutationHtmlReport(marked));
console.log(`mutation-report: ${join(page, 'index.html')}`);
for (const rule of unused) console.error(`mutation-report: ${unusedRuleLine(rule)}`);
if (unused.length > 0) process.exit(1);
