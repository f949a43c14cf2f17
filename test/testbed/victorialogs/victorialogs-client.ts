import { INSERT_PATH } from '../../../testbed/shared/log-shipper.ts';

/** Test-side calls to a running VictoriaLogs stand-in, as the catalogue's helpers make them (§7.1). */
export type Hit = Record<string, string>;

/** Posts records as JSON lines through the same path and parameters ESB's shippers use. */
export async function insertRecords(baseUrl: string, records: readonly unknown[]): Promise<void> {
  const response = await fetch(`${baseUrl}${INSERT_PATH}`, {
    method: 'POST',
    body: records.map((record) => `${JSON.stringify(record)}\n`).join(''),
  });
  if (response.status !== 200)
    throw new Error(`insert answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

export interface QueryAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** The body's JSON lines, parsed; empty unless status is 200. */
  readonly hits: Hit[];
}

export async function queryLogs(
  baseUrl: string,
  params: Record<string, string>,
  method: 'GET' | 'POST' = 'GET',
): Promise<QueryAnswer> {
  const search = new URLSearchParams(params);
  const response =
    method === 'GET'
      ? await fetch(`${baseUrl}/select/logsql/query?${search}`)
      : await fetch(`${baseUrl}/select/logsql/query`, { method: 'POST', body: search });
  const text = await response.text();
  const hits =
    response.status === 200
      ? text
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Hit)
      : [];
  return { status: response.status, contentType: response.headers.get('content-type'), text, hits };
}

/** Messages of a query's hits, in answer order. */
export async function messages(
  baseUrl: string,
  query: string,
  extra: Record<string, string> = {},
): Promise<string[]> {
  const answer = await queryLogs(baseUrl, { query, ...extra });
  if (answer.status !== 200) throw new Error(`query answered ${answer.status}: ${answer.text}`);
  return answer.hits.map((hit) => hit._msg ?? '');
}
