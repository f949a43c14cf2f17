/**
 * A worker process: serves the fixture function named by FUNCTION_NAME on WORKER_PORT (README "Worker
 * protocol"), with the service environment every testbed service reads. The agent starts one per worker.
 */
import { activeFaults } from '../../faults/fault-table.ts';
import { createLogShipper } from '../../shared/log-shipper.ts';
import { readServiceConfig } from '../../shared/service-env.ts';
import { startWorker } from './worker-server.ts';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

const functionName = requiredEnv('FUNCTION_NAME');
const port = Number(requiredEnv('WORKER_PORT'));
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`WORKER_PORT is not a port: ${process.env.WORKER_PORT}`);

const config = readServiceConfig();
const shipper = createLogShipper({ url: config.victorialogsUrl });
const worker = await startWorker({ functionName, port, config, faults: activeFaults(), shipper });

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void worker
    .close()
    .then(() => shipper.flush())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
