/**
 * Rebuilds docs/scenarios.md from the catalogue and the test matrix, and this package's vocabulary files from
 * its operator and hook tables: schema/catalog-file.schema.json (from schema/catalog-file.base.json) and the
 * operator and hook lists of docs/catalogue-steps.md.
 *   npm run docs             write the document
 *   npm run docs -- --check  exit 1 and show what differs when the committed document is stale
 *   npm run docs -- --help   the options
 */
import { docsCommand, PROGRAM } from './docsgen/docs-command.ts';
import { runGuarded } from './runner/cli/last-resort.ts';

await runGuarded(PROGRAM, () => docsCommand(process.argv.slice(2)));
