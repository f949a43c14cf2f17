import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyFields, type LogEntry } from './ingest-record.ts';
import { parseLogTime } from './log-time.ts';

/** The file, inside the data folder, that keeps every stored record as one JSON line. */
export const LOG_FILE_NAME = 'logs.jsonl';

interface StoredEntry extends LogEntry {
  /** Arrival order: breaks ties between records with the same `_time`. */
  readonly seq: number;
}

export interface SelectWindow {
  /** Inclusive bounds on `_time`, in milliseconds since the epoch. */
  readonly startMs?: number;
  readonly endMs?: number;
  /** At most this many entries, the most recent ones; undefined means all. */
  readonly limit?: number;
}

/**
 * Every record VictoriaLogs holds, in memory and sorted by time, and (with a data folder) appended to
 * `logs.jsonl` so a restarted container answers the same queries. A write reaches the file before the
 * record becomes visible, so what a query sees and what a restart reloads never differ.
 */
export class LogStore {
  private readonly entries: StoredEntry[] = [];
  private nextSeq = 0;
  /** Writes run one after another, so the file keeps arrival order. */
  private writeChain: Promise<void> = Promise.resolve();

  private constructor(private readonly filePath: string | undefined) {}

  /** Opens a store; with `dataDir`, creates the folder and reloads the records a previous run kept there. */
  static async open(dataDir?: string): Promise<LogStore> {
    if (dataDir === undefined) return new LogStore(undefined);
    await mkdir(dataDir, { recursive: true });
    const store = new LogStore(join(dataDir, LOG_FILE_NAME));
    await store.reload();
    return store;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Stores entries; resolves once they are on disk (with a data folder) and visible to `select`. */
  append(entries: readonly LogEntry[]): Promise<void> {
    const write = this.writeChain.then(async () => {
      if (this.filePath !== undefined && entries.length > 0) {
        const lines = entries.map((entry) => `${JSON.stringify(entry.fields)}\n`).join('');
        await appendFile(this.filePath, lines);
      }
      for (const entry of entries) this.insertSorted(entry);
    });
    // A failed write fails its own caller only; later writes still run.
    this.writeChain = write.catch(() => undefined);
    return write;
  }

  /** Entries that satisfy `accepts` inside the window: the `limit` most recent, in ascending time order. */
  select(
    accepts: (fields: Readonly<Record<string, string>>) => boolean,
    window: SelectWindow = {},
  ): LogEntry[] {
    const { startMs = Number.NEGATIVE_INFINITY, endMs = Number.POSITIVE_INFINITY } = window;
    const limit = window.limit ?? Number.POSITIVE_INFINITY;
    const picked: LogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && picked.length < limit; i--) {
      const entry = this.entries[i];
      if (entry === undefined || entry.epochMs > endMs) continue;
      if (entry.epochMs < startMs) break;
      if (accepts(entry.fields)) picked.push(entry);
    }
    return picked.reverse();
  }

  /** Resolves when every pending write has finished. */
  async flush(): Promise<void> {
    await this.writeChain;
  }

  private insertSorted(entry: LogEntry): void {
    const stored: StoredEntry = { ...entry, seq: this.nextSeq++ };
    // Upper bound by time: records mostly arrive in time order, so this is nearly always the end.
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.entries[mid]?.epochMs ?? 0) <= stored.epochMs) low = mid + 1;
      else high = mid;
    }
    this.entries.splice(low, 0, stored);
  }

  private async reload(): Promise<void> {
    if (this.filePath === undefined) return;
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const line of text.split('\n')) {
      const entry = entryFromLine(line);
      if (entry !== undefined) this.insertSorted(entry);
    }
    // A crash mid-write can leave a torn last line; end it so the next record starts on a line of its own.
    if (text !== '' && !text.endsWith('\n')) await appendFile(this.filePath, '\n');
  }
}

/** A stored line back as an entry; a torn or foreign line gives undefined and is skipped. */
function entryFromLine(line: string): LogEntry | undefined {
  if (line.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = emptyFields();
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') fields[key] = value;
  const time = parseLogTime(fields._time);
  if (time === undefined || fields._stream === undefined || fields._stream_id === undefined) return undefined;
  fields._msg ??= '';
  return { fields, epochMs: time.epochMs };
}
