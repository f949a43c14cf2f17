import { FAULTS_ENV, type FaultName } from '../faults/fault-table.ts';
import { SERVICE_ENV } from '../shared/service-env.ts';
import type { TestbedCredentials } from './credentials.ts';
import type { TestbedProfile } from './profiles.ts';

/** Values ESB's E2E .env sets (contract §1.2). */
export const E2E_SETTINGS = {
  LOG_LEVEL: 'DEBUG',
  CIRCUIT_BREAKER_THRESHOLD: '3',
  CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '10.0',
  GATEWAY_IDLE_TIMEOUT_SECONDS: '15',
  HEARTBEAT_INTERVAL: '5',
} as const;

/** The environment of every service container of a profile (read back by readServiceConfig). */
export function serviceEnvironment(
  profile: TestbedProfile,
  credentials: TestbedCredentials,
  faults: readonly FaultName[],
  extra: Record<string, string>,
): Record<string, string> {
  const E = SERVICE_ENV;
  const p = profile.ports;
  return {
    [E.esbEnv]: profile.env,
    [E.mode]: profile.mode,
    [E.projectName]: profile.projectName,
    [E.gatewayPort]: String(p.gateway),
    [E.agentPort]: String(p.agent),
    [E.agentMetricsPort]: String(p.agentMetrics),
    [E.victorialogsPort]: String(p.victorialogs),
    [E.databasePort]: String(p.database),
    [E.s3Port]: String(p.s3),
    [E.workerPortMin]: String(p.workerMin),
    [E.workerPortMax]: String(p.workerMax),
    ...credentials,
    ...E2E_SETTINGS,
    [FAULTS_ENV]: faults.join(','),
    ...extra,
  };
}

/** The client environment of contract §1.1 and §15 that `up` prints and writes to .testbed/<env>.env. */
export function clientEnvironment(
  profile: TestbedProfile,
  credentials: TestbedCredentials,
): Record<string, string> {
  const p = profile.ports;
  return {
    GATEWAY_URL: `https://127.0.0.1:${p.gateway}`,
    VICTORIALOGS_URL: `http://127.0.0.1:${p.victorialogs}`,
    AGENT_METRICS_URL: `http://127.0.0.1:${p.agentMetrics}`,
    X_API_KEY: credentials.X_API_KEY,
    AUTH_USER: credentials.AUTH_USER,
    AUTH_PASS: credentials.AUTH_PASS,
    PROJECT_NAME: profile.projectName,
    MODE: profile.mode,
    PORT_S3: String(p.s3),
    RUSTFS_ACCESS_KEY: credentials.RUSTFS_ACCESS_KEY,
    RUSTFS_SECRET_KEY: credentials.RUSTFS_SECRET_KEY,
    GATEWAY_IDLE_TIMEOUT_SECONDS: E2E_SETTINGS.GATEWAY_IDLE_TIMEOUT_SECONDS,
    HEARTBEAT_INTERVAL: E2E_SETTINGS.HEARTBEAT_INTERVAL,
    VERIFY_SSL: 'false',
  };
}
