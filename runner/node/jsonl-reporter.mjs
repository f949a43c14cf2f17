// The node:test reporter of jsonl-reporter.ts, for a plain `node --test` run. Node 20 loads reporters without
// --import hooks, so this stays JavaScript and loads the TypeScript through tsx, as bin/esb-e2e.mjs does.
import { register } from 'tsx/esm/api';

register();
const { default: jsonlReporter } = await import('./jsonl-reporter.ts');

export default jsonlReporter;
