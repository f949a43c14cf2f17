import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultName } from '../faults/fault-table.ts';
import { DEFAULT_ESB_REVISION, type EsbRevisionName } from '../revisions/esb-behaviour.ts';
import { startAgent } from '../services/agent/agent-server.ts';
import { createProcessBackend } from '../services/agent/process-backend.ts';
import { startDatabase } from '../services/database/database-server.ts';
import { startGateway } from '../services/gateway/gateway-main.ts';
import { startS3Storage } from '../services/s3-storage/s3-storage-server.ts';
import { startVictoriaLogs } from '../services/victorialogs/victorialogs-server.ts';
import { clientEnvironment } from '../shared/client-env.ts';
import { createLogShipper } from '../shared/log-shipper.ts';
import {
  E2E_TIMINGS,
  type ServiceConfig,
  serviceConfigFor,
  serviceEnvironment,
} from '../shared/service-env.ts';
import { freePort } from './free-port.ts';
import { processWorkerBundle } from './process-worker-bundle.ts';
import { claimWorkerPortBlock } from './worker-port-block.ts';

/** How long the backing stores get to finish requests of workers that were killed, before they close. */
const STORE_SETTLE_MS = 500;

export interface InProcessStackOptions {
  readonly mode?: 'docker' | 'containerd';
  /** The ESB revision the stack stands in for (default DEFAULT_ESB_REVISION). */
  readonly esb?: EsbRevisionName;
  readonly faults?: readonly FaultName[];
  /** Shorter timings for tests; the defaults are the E2E values of contract §1.2. */
  readonly breakerRecoverySeconds?: number;
  readonly idleTimeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly schedulerFirstDelayMs?: number;
  /**
   * A worker bundle built already (buildWorkerBundle), for stacks in several processes that run the same code
   * (the fault pass): each would build its own otherwise.
   */
  readonly workerBundle?: string;
  /** Spare workers the agent keeps (README "Spare workers"); 0 by default, as tests count their workers. */
  readonly spareWorkers?: number;
}

export interface InProcessStack {
  readonly config: ServiceConfig;
  /** The client environment, as `npm run testbed -- up` writes it. */
  readonly clientEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The whole testbed in this process: every service is the same server code the containers run, on ephemeral
 * loopback ports, and workers are real child processes started by the agent's process backend. It lets the
 * testbed's own tests and fault proofs run in seconds without a Docker engine.
 */
export async function startInProcessStack(options: InProcessStackOptions = {}): Promise<InProcessStack> {
  const faults = new Set(options.faults ?? []);
  const dataDir = mkdtempSync(join(tmpdir(), 'esb-testbed-stack-'));
  const hex = (n: number) => randomBytes(n).toString('hex');
  const credentials = {
    apiKey: hex(16),
    authUser: 'esb',
    authPass: hex(12),
    jwtSecret: hex(32),
    s3AccessKey: 'esb',
    s3SecretKey: hex(16),
  };
  const victorialogs = await startVictoriaLogs({ port: 0, dataDir: join(dataDir, 'victorialogs'), faults });
  const database = await startDatabase({ port: 0, dataDir: join(dataDir, 'database') });
  const s3 = await startS3Storage({
    port: 0,
    dataDir: join(dataDir, 's3'),
    accessKey: credentials.s3AccessKey,
    secretKey: credentials.s3SecretKey,
    faults,
  });
  const [gatewayPort, agentPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const workerPorts = claimWorkerPortBlock();
  const config = serviceConfigFor({
    esbEnv: 'in-process',
    esb: options.esb ?? DEFAULT_ESB_REVISION,
    mode: options.mode ?? 'docker',
    projectName: `esb-in-process-${hex(3)}`,
    ports: {
      gateway: gatewayPort,
      agent: agentPort,
      agentMetrics: metricsPort,
      victorialogs: victorialogs.port,
      database: database.port,
      s3: s3.port,
      workerMin: workerPorts.min,
      workerMax: workerPorts.max,
    },
    credentials,
    ...E2E_TIMINGS,
    breakerRecoverySeconds: options.breakerRecoverySeconds ?? E2E_TIMINGS.breakerRecoverySeconds,
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? E2E_TIMINGS.idleTimeoutSeconds,
    heartbeatSeconds: options.heartbeatSeconds ?? E2E_TIMINGS.heartbeatSeconds,
    dataDir: join(dataDir, 'gateway'),
  });
  const backend = createProcessBackend({
    projectName: config.projectName,
    serviceEnv: serviceEnvironment(config, faults),
    workerEntry: options.workerBundle ?? (await processWorkerBundle()),
    output: 'ignore',
  });
  const agent = await startAgent({
    port: agentPort,
    metricsPort,
    config,
    backend,
    faults,
    spareWorkers: options.spareWorkers ?? 0,
  });
  // Records go to VictoriaLogs only; the containers' stdout echo would flood a test's output.
  const shipper = createLogShipper({ url: config.victorialogsUrl, echo: false });
  const gateway = await startGateway({
    config,
    faults,
    shipper,
    schedulerFirstDelayMs: options.schedulerFirstDelayMs,
  });
  const clientEnv = clientEnvironment(config);
  return {
    config,
    clientEnv,
    async close() {
      await gateway.close();
      await agent.close({ removeWorkers: true });
      // A worker killed mid-call leaves dynalite finishing that request's LevelDB operations; closing the
      // database under them rejects with "Database is closed" where nothing catches it. Let them settle first.
      await new Promise((resolve) => setTimeout(resolve, STORE_SETTLE_MS));
      await Promise.all([s3.close(), database.close(), victorialogs.close()]);
      workerPorts.release();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
