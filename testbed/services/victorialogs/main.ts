/**
 * Entry point of the VictoriaLogs container: port from VICTORIALOGS_PORT, records kept in DATA_DIR (memory
 * only when it is unset), fault switches from ESB_TESTBED_FAULTS. SIGTERM (docker stop, restart) closes
 * the server and lets pending writes finish, so no acknowledged record is lost.
 */
import { activeFaults } from '../../faults/fault-table.ts';
import { SERVICE_ENV } from '../../shared/service-env.ts';
import { startVictoriaLogs } from './victorialogs-server.ts';

function logLine(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ service: 'victorialogs', ...record })}\n`);
}

function portFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env[SERVICE_ENV.victorialogsPort] ?? '';
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${SERVICE_ENV.victorialogsPort} is not a port: '${raw}'`);
  return port;
}

async function main(): Promise<void> {
  const faults = activeFaults();
  const dataDir = process.env[SERVICE_ENV.dataDir] || undefined;
  const running = await startVictoriaLogs({
    port: portFromEnv(process.env),
    host: '127.0.0.1',
    dataDir,
    faults,
  });
  logLine({
    level: 'INFO',
    message: 'victorialogs listening',
    url: `http://127.0.0.1:${running.port}`,
    dataDir: dataDir ?? null,
    records: running.recordCount(),
    faults: [...faults],
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => logLine({ level: 'INFO', message: `stopped on ${signal}` }),
      (error: unknown) => {
        logLine({ level: 'ERROR', message: `close failed on ${signal}: ${String(error)}` });
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  logLine({ level: 'ERROR', message: `victorialogs failed to start: ${String(error)}` });
  process.exit(1);
});
