import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A VictoriaLogs stand-in that only accepts `/insert/jsonline` and keeps every JSON line it was sent. */
export interface RecordingVictoriaLogs {
  readonly url: string;
  /** Every record received so far, in arrival order. */
  readonly records: Record<string, unknown>[];
  /** Query strings of the insert calls (the stream and message field parameters). */
  readonly insertQueries: string[];
  close(): Promise<void>;
}

export async function startRecordingVictoriaLogs(): Promise<RecordingVictoriaLogs> {
  const records: Record<string, unknown>[] = [];
  const insertQueries: string[] = [];
  const server = createServer((request, response) => {
    const [path, query = ''] = (request.url ?? '').split('?');
    if (request.method !== 'POST' || path !== '/insert/jsonline') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      insertQueries.push(query);
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n'))
        if (line.trim() !== '') records.push(JSON.parse(line) as Record<string, unknown>);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    insertQueries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
