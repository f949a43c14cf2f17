import { join } from 'node:path';
import { activeFaults } from '../../faults/fault-table.ts';
import { SERVICE_ENV } from '../../shared/service-env.ts';
import { startS3Storage } from './s3-storage-server.ts';

// Only the four variables this service needs are read, so it also runs outside the full testbed environment.
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

const port = Number(required(SERVICE_ENV.s3Port));
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`${SERVICE_ENV.s3Port} is not a port`);
const faults = activeFaults();
// DATA_DIR may be shared by every service; this one keeps its data in its own sub-directory.
const dataDir = join(process.env[SERVICE_ENV.dataDir] || '/data', 's3-storage');

const storage = await startS3Storage({
  port,
  dataDir,
  accessKey: required(SERVICE_ENV.s3AccessKey),
  secretKey: required(SERVICE_ENV.s3SecretKey),
  faults,
});
console.log(
  JSON.stringify({
    level: 'INFO',
    service: 's3-storage',
    message: `S3 listening on 127.0.0.1:${storage.port}`,
    dataDir,
    faults: [...faults],
  }),
);
// ESB's services exit on SIGTERM; Docker's restart policy brings the container back.
process.on('SIGTERM', () => {
  void storage.close().finally(() => process.exit(0));
});
