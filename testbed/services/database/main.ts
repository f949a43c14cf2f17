import { join } from 'node:path';
import { SERVICE_ENV } from '../../shared/service-env.ts';
import { startDatabase } from './database-server.ts';

// Only the two variables this service needs are read, so it also runs outside the full testbed environment.
const rawPort = process.env[SERVICE_ENV.databasePort];
const port = Number(rawPort);
if (rawPort === undefined || rawPort === '' || !Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`${SERVICE_ENV.databasePort} is not a port: ${rawPort}`);
// DATA_DIR may be shared by every service; this one keeps its LevelDB in its own sub-directory.
const dataDir = join(process.env[SERVICE_ENV.dataDir] || '/data', 'database');

const database = await startDatabase({ port, dataDir });
console.log(
  JSON.stringify({
    level: 'INFO',
    service: 'database',
    message: `DynamoDB API listening on 127.0.0.1:${database.port}`,
    dataDir,
  }),
);
// ESB's services exit on SIGTERM; Docker's restart policy brings the container back.
process.on('SIGTERM', () => {
  void database.close().finally(() => process.exit(0));
});
