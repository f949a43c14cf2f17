import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FaultName } from '../../faults/fault-table.ts';
import { listen } from '../../shared/listen.ts';
import { HttpError, readBody, requestParams, sendText } from './http-io.ts';
import { ingestParamsFrom, parseJsonLines, toLogEntry } from './ingest-record.ts';
import { LogStore } from './log-store.ts';
import { parseLogTime } from './log-time.ts';
import { matchesLogsql, parseLogsql } from './logsql.ts';

export interface VictoriaLogsOptions {
  /** 0 picks a free port; the running server reports the one it got. */
  readonly port: number;
  /** Defaults to 127.0.0.1: the testbed never listens beyond loopback. */
  readonly host?: string;
  /** Where `logs.jsonl` lives; without it records are kept in memory only. */
  readonly dataDir?: string;
  readonly faults?: ReadonlySet<FaultName>;
}

export interface RunningVictoriaLogs {
  readonly port: number;
  /** Number of records held, for the start-up log line. */
  readonly recordCount: () => number;
  /** Stops accepting connections and waits for open requests and pending writes. */
  close(): Promise<void>;
}

/** `limit` when the query gives none (contract §7.1 cases always pass one). */
const DEFAULT_LIMIT = 1000;
/** How long close() lets a busy keep-alive connection finish before cutting it. */
const CLOSE_GRACE_MS = 2000;

/** Starts the VictoriaLogs stand-in: `/health`, `/insert/jsonline` and `/select/logsql/query` (§7.1). */
export async function startVictoriaLogs(options: VictoriaLogsOptions): Promise<RunningVictoriaLogs> {
  const store = await LogStore.open(options.dataDir);
  const faults = options.faults ?? new Set<FaultName>();
  const server = createServer((request, response) => {
    route(request, response, store, faults).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) sendText(response, error.status, error.message);
      else sendText(response, 500, error instanceof Error ? error.message : String(error));
    });
  });
  const port = await listen(server, options.port, options.host);
  return {
    port,
    recordCount: () => store.size,
    async close() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      cutOff.unref();
      try {
        await closed;
      } finally {
        clearTimeout(cutOff);
      }
      await store.flush();
    },
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  store: LogStore,
  faults: ReadonlySet<FaultName>,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  switch (url.pathname) {
    case '/health':
      requireMethod(method, ['GET', 'HEAD']);
      if (faults.has('vl-health-down')) sendText(response, 503, 'fault vl-health-down is active');
      else sendText(response, 200, 'OK');
      return;
    case '/insert/jsonline':
      requireMethod(method, ['POST']);
      return insertJsonLines(request, response, url, store);
    case '/select/logsql/query':
      requireMethod(method, ['GET', 'POST']);
      return selectLogsql(request, response, url, store, faults);
    default:
      throw new HttpError(404, `no such endpoint: ${url.pathname}`);
  }
}

function requireMethod(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) throw new HttpError(405, `method ${method} not allowed here`);
}

async function insertJsonLines(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  store: LogStore,
): Promise<void> {
  const params = ingestParamsFrom(url.searchParams);
  const nowMs = Date.now();
  const entries = parseJsonLines(await readBody(request)).map((input) => toLogEntry(input, params, nowMs));
  await store.append(entries);
  response.writeHead(200);
  response.end();
}

async function selectLogsql(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  store: LogStore,
  faults: ReadonlySet<FaultName>,
): Promise<void> {
  const body = request.method === 'POST' ? await readBody(request) : '';
  const params = requestParams(request, url, body);
  const parsed = parseLogsql(params.get('query') ?? '');
  if (!parsed.ok) throw new HttpError(400, parsed.message);
  const window = {
    limit: limitParam(params.get('limit')),
    startMs: timeParam(params, 'start'),
    endMs: timeParam(params, 'end'),
  };
  const matchOptions = { phraseAsEquality: faults.has('vl-phrase-as-equality') };
  const hits = store.select((fields) => matchesLogsql(parsed.filter, fields, matchOptions), window);
  response.writeHead(200, { 'content-type': 'application/stream+json' });
  response.end(hits.map((hit) => `${JSON.stringify(hit.fields)}\n`).join(''));
}

function limitParam(raw: string | null): number {
  if (raw === null || raw.trim() === '') return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || limit < 1)
    throw new HttpError(400, `limit must be a positive integer, not '${raw}'`);
  return limit;
}

function timeParam(params: URLSearchParams, name: 'start' | 'end'): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const time = parseLogTime(raw);
  if (time === undefined) throw new HttpError(400, `${name} must be an RFC3339 time, not '${raw}'`);
  return time.epochMs;
}
