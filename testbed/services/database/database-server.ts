import { mkdir } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { listen } from '../../shared/listen.ts';
import { provisionE2eTable } from './table-provisioning.ts';

export interface DatabaseOptions {
  readonly port: number;
  /** Listening address; 127.0.0.1 unless given. */
  readonly host?: string;
  /** The LevelDB directory: tables and items persist here across restarts. */
  readonly dataDir: string;
}

export interface RunningDatabase {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the DynamoDB API (dynalite on LevelDB, standing in for ESB's ScyllaDB Alternator) and creates
 * `e2e-test-table`. Table state changes are immediate (0 ms) so the table is ACTIVE when this resolves.
 */
export async function startDatabase(options: DatabaseOptions): Promise<RunningDatabase> {
  await mkdir(options.dataDir, { recursive: true });
  const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port, host);
  const close = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
    });
  // dynalite ignores credentials and region, but the SDK needs some to sign with.
  const client = new DynamoDBClient({
    endpoint: `http://${reachableHost(host)}:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testbed', secretAccessKey: 'testbed' },
  });
  try {
    await provisionE2eTable(client);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  } finally {
    client.destroy();
  }
  return { port, close };
}

/** Where this process reaches its own listener: a wildcard address is reached over loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
