import { FAULTS_ENV, type FaultName } from '../faults/fault-table.ts';
import {
  DEFAULT_ESB_REVISION,
  describeEsbRevisions,
  ESB_REVISION_ENV,
  type EsbRevisionName,
  isEsbRevisionName,
} from '../revisions/esb-behaviour.ts';

/**
 * Configuration every testbed service reads from its environment. The testbed CLI sets these variables on
 * every service container; the agent passes them on to worker containers. Every address is loopback:
 * containers use host networking.
 */
export interface ServiceConfig {
  readonly esbEnv: string;
  /** The ESB revision the testbed stands in for (revisions/esb-behaviour.ts). */
  readonly esb: EsbRevisionName;
  readonly mode: 'docker' | 'containerd';
  readonly projectName: string;
  readonly ports: {
    readonly gateway: number;
    readonly agent: number;
    readonly agentMetrics: number;
    readonly victorialogs: number;
    readonly database: number;
    readonly s3: number;
    readonly workerMin: number;
    readonly workerMax: number;
  };
  readonly victorialogsUrl: string;
  readonly gatewayInternalUrl: string;
  readonly agentUrl: string;
  readonly databaseEndpoint: string;
  readonly s3Endpoint: string;
  readonly credentials: {
    readonly apiKey: string;
    readonly authUser: string;
    readonly authPass: string;
    readonly jwtSecret: string;
    readonly s3AccessKey: string;
    readonly s3SecretKey: string;
  };
  readonly logLevel: string;
  readonly breakerThreshold: number;
  readonly breakerRecoverySeconds: number;
  readonly idleTimeoutSeconds: number;
  readonly heartbeatSeconds: number;
  /** Where the service keeps data that must survive container restarts. */
  readonly dataDir: string;
}

/** Names of the variables, in one place so the CLI and the services agree. */
export const SERVICE_ENV = {
  esbEnv: 'ESB_ENV',
  mode: 'MODE',
  projectName: 'PROJECT_NAME',
  gatewayPort: 'GATEWAY_PORT',
  agentPort: 'AGENT_PORT',
  agentMetricsPort: 'AGENT_METRICS_PORT',
  victorialogsPort: 'VICTORIALOGS_PORT',
  databasePort: 'DATABASE_PORT',
  s3Port: 'S3_PORT',
  workerPortMin: 'WORKER_PORT_MIN',
  workerPortMax: 'WORKER_PORT_MAX',
  apiKey: 'X_API_KEY',
  authUser: 'AUTH_USER',
  authPass: 'AUTH_PASS',
  jwtSecret: 'JWT_SECRET_KEY',
  s3AccessKey: 'RUSTFS_ACCESS_KEY',
  s3SecretKey: 'RUSTFS_SECRET_KEY',
  logLevel: 'LOG_LEVEL',
  breakerThreshold: 'CIRCUIT_BREAKER_THRESHOLD',
  breakerRecovery: 'CIRCUIT_BREAKER_RECOVERY_TIMEOUT',
  idleTimeout: 'GATEWAY_IDLE_TIMEOUT_SECONDS',
  heartbeat: 'HEARTBEAT_INTERVAL',
  dataDir: 'DATA_DIR',
} as const;

function need(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

function port(env: NodeJS.ProcessEnv, name: string): number {
  const value = Number(need(env, name));
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} is not a port: ${env[name]}`);
  return value;
}

function numberOr(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} is not a number: ${raw}`);
  return value;
}

/** What a service configuration is made of; addresses follow from the ports (everything is on loopback). */
export type ServiceConfigParts = Omit<
  ServiceConfig,
  'victorialogsUrl' | 'gatewayInternalUrl' | 'agentUrl' | 'databaseEndpoint' | 's3Endpoint'
>;

/** The E2E values of ESB's .env (contract §1.2), the defaults of every testbed. */
export const E2E_TIMINGS = {
  logLevel: 'DEBUG',
  breakerThreshold: 3,
  breakerRecoverySeconds: 10,
  idleTimeoutSeconds: 15,
  heartbeatSeconds: 5,
} as const;

export function serviceConfigFor(parts: ServiceConfigParts): ServiceConfig {
  const { ports } = parts;
  return {
    ...parts,
    victorialogsUrl: `http://127.0.0.1:${ports.victorialogs}`,
    gatewayInternalUrl: `https://127.0.0.1:${ports.gateway}`,
    agentUrl: `http://127.0.0.1:${ports.agent}`,
    databaseEndpoint: `http://127.0.0.1:${ports.database}`,
    s3Endpoint: `http://127.0.0.1:${ports.s3}`,
  };
}

/** The revision in ESB_TESTBED_ESB (unset: the default); an unknown name is an error, never a silent default. */
function revisionFrom(env: NodeJS.ProcessEnv): EsbRevisionName {
  const name = env[ESB_REVISION_ENV];
  if (name === undefined || name === '') return DEFAULT_ESB_REVISION;
  if (!isEsbRevisionName(name))
    throw new Error(
      `unknown ESB revision '${name}' in ${ESB_REVISION_ENV}; the testbed knows ${describeEsbRevisions()}`,
    );
  return name;
}

export function readServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const E = SERVICE_ENV;
  return serviceConfigFor({
    esbEnv: need(env, E.esbEnv),
    esb: revisionFrom(env),
    mode: env[E.mode] === 'containerd' ? 'containerd' : 'docker',
    projectName: need(env, E.projectName),
    ports: {
      gateway: port(env, E.gatewayPort),
      agent: port(env, E.agentPort),
      agentMetrics: port(env, E.agentMetricsPort),
      victorialogs: port(env, E.victorialogsPort),
      database: port(env, E.databasePort),
      s3: port(env, E.s3Port),
      workerMin: port(env, E.workerPortMin),
      workerMax: port(env, E.workerPortMax),
    },
    credentials: {
      apiKey: need(env, E.apiKey),
      authUser: need(env, E.authUser),
      authPass: need(env, E.authPass),
      jwtSecret: need(env, E.jwtSecret),
      s3AccessKey: need(env, E.s3AccessKey),
      s3SecretKey: need(env, E.s3SecretKey),
    },
    logLevel: env[E.logLevel] ?? E2E_TIMINGS.logLevel,
    breakerThreshold: numberOr(env, E.breakerThreshold, E2E_TIMINGS.breakerThreshold),
    breakerRecoverySeconds: numberOr(env, E.breakerRecovery, E2E_TIMINGS.breakerRecoverySeconds),
    // The contract clamps the idle timeout to at least one second.
    idleTimeoutSeconds: Math.max(1, numberOr(env, E.idleTimeout, E2E_TIMINGS.idleTimeoutSeconds)),
    heartbeatSeconds: numberOr(env, E.heartbeat, E2E_TIMINGS.heartbeatSeconds),
    dataDir: env[E.dataDir] ?? '/data',
  });
}

/**
 * A configuration written back out as variables (the inverse of readServiceConfig): what service containers
 * and workers get, so every process of a testbed reads the same configuration.
 */
export function serviceEnvironment(
  config: ServiceConfig,
  faults: ReadonlySet<FaultName> = new Set(),
): Record<string, string> {
  const E = SERVICE_ENV;
  const { ports, credentials } = config;
  return {
    [E.esbEnv]: config.esbEnv,
    [ESB_REVISION_ENV]: config.esb,
    [E.mode]: config.mode,
    [E.projectName]: config.projectName,
    [E.gatewayPort]: String(ports.gateway),
    [E.agentPort]: String(ports.agent),
    [E.agentMetricsPort]: String(ports.agentMetrics),
    [E.victorialogsPort]: String(ports.victorialogs),
    [E.databasePort]: String(ports.database),
    [E.s3Port]: String(ports.s3),
    [E.workerPortMin]: String(ports.workerMin),
    [E.workerPortMax]: String(ports.workerMax),
    [E.apiKey]: credentials.apiKey,
    [E.authUser]: credentials.authUser,
    [E.authPass]: credentials.authPass,
    [E.jwtSecret]: credentials.jwtSecret,
    [E.s3AccessKey]: credentials.s3AccessKey,
    [E.s3SecretKey]: credentials.s3SecretKey,
    [E.logLevel]: config.logLevel,
    [E.breakerThreshold]: String(config.breakerThreshold),
    [E.breakerRecovery]: String(config.breakerRecoverySeconds),
    [E.idleTimeout]: String(config.idleTimeoutSeconds),
    [E.heartbeat]: String(config.heartbeatSeconds),
    [E.dataDir]: config.dataDir,
    [FAULTS_ENV]: [...faults].join(','),
  };
}
