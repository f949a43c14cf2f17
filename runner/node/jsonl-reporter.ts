import { recordsFor, type TestEvent } from '../report/reporter-records.ts';
import { readCaseTiming } from './case-timing.ts';

/**
 * Our node:test reporter: one JSON line per case as it ends, plus file failures and output, for `esb-e2e run` to
 * follow live. Node loads it by path (--test-reporter): as jsonl-reporter.mjs, which compiles this file through
 * tsx, or bundled with the entry API for the processes `esb-e2e run` starts (entry-bundle.ts).
 */
export default async function* jsonlReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const completed = new Set<string>();
  for await (const event of source) {
    // Node 20 sends a second test:complete for the tests of every describe but the first under a describe that
    // runs its describes side by side (as entry-group.ts registers them): each test ends once.
    if (event.type === 'test:complete') {
      const key = `${event.data.file ?? ''}\0${event.data.nesting ?? 0}\0${event.data.name ?? ''}`;
      if (completed.has(key)) continue;
      completed.add(key);
    }
    // A case's own time and its wait, as its process left them (case-timing.ts).
    for (const record of recordsFor(event, Date.now(), readCaseTiming)) yield `${JSON.stringify(record)}\n`;
  }
}
