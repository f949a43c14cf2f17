/**
 * A worker process: serves the fixture function named by FUNCTION_NAME on WORKER_PORT (README "Worker
 * protocol"), with the service environment every testbed service reads. The agent starts one per worker, or
 * starts it ahead of need as a spare (WORKER_STANDBY=1, README "Spare workers") and assigns it a function later.
 */
import { activeFaults } from '../../faults/fault-table.ts';
import { createLogShipper, type LogShipper } from '../../shared/log-shipper.ts';
import { readServiceConfig } from '../../shared/service-env.ts';
import { WORKER_STANDBY_ENV } from '../../shared/worker-standby.ts';
import { startStandby } from './standby.ts';
import { startWorker } from './worker-server.ts';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

const port = Number(requiredEnv('WORKER_PORT'));
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`WORKER_PORT is not a port: ${process.env.WORKER_PORT}`);

let running: { close(): Promise<void>; shipper(): LogShipper | undefined };
if (process.env[WORKER_STANDBY_ENV] === '1') {
  running = await startStandby(port);
} else {
  const functionName = requiredEnv('FUNCTION_NAME');
  const config = readServiceConfig();
  const shipper = createLogShipper({ url: config.victorialogsUrl });
  const worker = await startWorker({ functionName, port, config, faults: activeFaults(), shipper });
  running = { close: () => worker.close(), shipper: () => shipper };
}

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void running
    .close()
    .then(() => running.shipper()?.flush())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
