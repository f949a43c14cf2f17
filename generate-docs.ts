/**
 * Rebuilds docs/scenarios.md from the catalogue and the test matrix.
 *   npm run docs             write the document
 *   npm run docs -- --check  exit 1 and show what differs when the committed document is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { firstDifferences } from './docsgen/line-diff.ts';
import { renderScenarios, SCENARIOS_DOC } from './docsgen/render-scenarios.ts';
import { loadCatalogueOrExit } from './runner/cli/load-or-exit.ts';

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, root: { type: 'string' } },
  allowPositionals: false,
});
const root = values.root ?? import.meta.dirname;
const catalogue = loadCatalogueOrExit(root);
const rendered = renderScenarios(catalogue);
const target = join(root, SCENARIOS_DOC);

if (values.check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    process.stderr.write(`${SCENARIOS_DOC} does not exist; run: npm run docs\n`);
    process.exit(1);
  }
  if (committed !== rendered) {
    process.stderr.write(
      `${SCENARIOS_DOC} is stale: it differs from what the catalogue and matrix generate.\n`,
    );
    process.stderr.write(`${firstDifferences(committed, rendered, 10)}\nrun: npm run docs\n`);
    process.exit(1);
  }
  process.stdout.write(`${SCENARIOS_DOC} is up to date (${catalogue.cases.length} cases).\n`);
} else {
  writeFileSync(target, rendered);
  process.stdout.write(`wrote ${SCENARIOS_DOC} (${catalogue.cases.length} cases)\n`);
}
