/**
 * Configuration every testbed service reads from its environment. The testbed CLI sets these variables on
 * every service container; the agent passes them on to worker containers. Every address is loopback:
 * containers use host networking.
 */
export interface ServiceConfig {
  readonly esbEnv: string;
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

export function readServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const E = SERVICE_ENV;
  const ports = {
    gateway: port(env, E.gatewayPort),
    agent: port(env, E.agentPort),
    agentMetrics: port(env, E.agentMetricsPort),
    victorialogs: port(env, E.victorialogsPort),
    database: port(env, E.databasePort),
    s3: port(env, E.s3Port),
    workerMin: port(env, E.workerPortMin),
    workerMax: port(env, E.workerPortMax),
  };
  const mode = env[E.mode] === 'containerd' ? 'containerd' : 'docker';
  return {
    esbEnv: need(env, E.esbEnv),
    mode,
    projectName: need(env, E.projectName),
    ports,
    victorialogsUrl: `http://127.0.0.1:${ports.victorialogs}`,
    gatewayInternalUrl: `https://127.0.0.1:${ports.gateway}`,
    agentUrl: `http://127.0.0.1:${ports.agent}`,
    databaseEndpoint: `http://127.0.0.1:${ports.database}`,
    s3Endpoint: `http://127.0.0.1:${ports.s3}`,
    credentials: {
      apiKey: need(env, E.apiKey),
      authUser: need(env, E.authUser),
      authPass: need(env, E.authPass),
      jwtSecret: need(env, E.jwtSecret),
      s3AccessKey: need(env, E.s3AccessKey),
      s3SecretKey: need(env, E.s3SecretKey),
    },
    logLevel: env[E.logLevel] ?? 'DEBUG',
    breakerThreshold: numberOr(env, E.breakerThreshold, 3),
    breakerRecoverySeconds: numberOr(env, E.breakerRecovery, 10),
    idleTimeoutSeconds: Math.max(1, numberOr(env, E.idleTimeout, 15)),
    heartbeatSeconds: numberOr(env, E.heartbeat, 5),
    dataDir: env[E.dataDir] ?? '/data',
  };
}
