import { Transform, type TransformCallback } from 'node:stream';
import { recordsFor, type TestEvent } from '../report/reporter-records.ts';
import { readCaseTiming } from './case-timing.ts';

/**
 * Our node:test reporter: one JSON line per case as it ends, plus file failures and output, for `esb-e2e run` to
 * follow live. Node loads it by path (--test-reporter): as jsonl-reporter.mjs, which compiles this file through
 * tsx, or bundled with the entry API for the processes `esb-e2e run` starts (entry-bundle.ts).
 *
 * A stream, not an async generator: node:test sends several events per case, and a generator costs a promise
 * per event. The lines of the events that arrive together are written together, once the events of the moment
 * have been read (setImmediate): a write per case cost more than the case's own request at thousands of cases,
 * and a line still leaves as soon as its case has ended.
 */
export default class JsonlReporter extends Transform {
  private readonly completed = new Set<string>();
  private pending: string[] = [];
  private flushQueued = false;

  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(event: TestEvent, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.wanted(event))
      // A case's own time and its wait, as its process left them (case-timing.ts).
      for (const record of recordsFor(event, Date.now(), readCaseTiming))
        this.pending.push(`${JSON.stringify(record)}\n`);
    if (this.pending.length > 0 && !this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.writePending());
    }
    done();
  }

  /** Output, and each test's first completion: the events that can make a record. */
  private wanted(event: TestEvent): boolean {
    if (event.type === 'test:stdout' || event.type === 'test:stderr') return true;
    if (event.type !== 'test:complete') return false;
    // Node 20 sends a second test:complete for the tests of every describe but the first under a describe that
    // runs its describes side by side (as entry-group.ts registers them): each test ends once.
    const key = `${event.data.file ?? ''}\0${event.data.nesting ?? 0}\0${event.data.name ?? ''}`;
    if (this.completed.has(key)) return false;
    this.completed.add(key);
    return true;
  }

  override _flush(done: TransformCallback): void {
    this.writePending();
    done();
  }

  private writePending(): void {
    this.flushQueued = false;
    if (this.pending.length === 0) return;
    this.push(this.pending.join(''));
    this.pending = [];
  }
}
