// A node:test reporter (--test-reporter=<this file>): one JSON line per case as it ends, plus file failures and
// output, for `esb-e2e run` to follow live. Node 20 loads reporters without --import hooks, so this stays
// JavaScript and loads the TypeScript logic through tsx, as bin/esb-e2e.mjs does.
import { register } from 'tsx/esm/api';

register();
const { recordsFor } = await import('../report/reporter-records.ts');
const { readCaseTiming } = await import('./case-timing.ts');

export default async function* jsonlReporter(source) {
  for await (const event of source) {
    // A case's own time and its wait, as its process left them (case-timing.ts).
    for (const record of recordsFor(event, Date.now(), readCaseTiming)) yield `${JSON.stringify(record)}\n`;
  }
}
