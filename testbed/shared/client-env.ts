import { esbBehaviour } from '../revisions/esb-behaviour.ts';
import type { ServiceConfig } from './service-env.ts';

/**
 * The client environment of contract §1.1 and §15 that `up` prints and writes to .testbed/<env>.env; from ESB
 * 2026-03-02 on it names the logger lambda-image's CloudWatch records carry in this mode.
 */
export function clientEnvironment(config: ServiceConfig): Record<string, string> {
  const { ports, credentials } = config;
  const imageLogger = esbBehaviour(config.esb).imageExpectedLogger;
  return {
    GATEWAY_URL: config.gatewayInternalUrl,
    VICTORIALOGS_URL: config.victorialogsUrl,
    AGENT_METRICS_URL: `http://127.0.0.1:${ports.agentMetrics}`,
    X_API_KEY: credentials.apiKey,
    AUTH_USER: credentials.authUser,
    AUTH_PASS: credentials.authPass,
    PROJECT_NAME: config.projectName,
    MODE: config.mode,
    PORT_S3: String(ports.s3),
    RUSTFS_ACCESS_KEY: credentials.s3AccessKey,
    RUSTFS_SECRET_KEY: credentials.s3SecretKey,
    GATEWAY_IDLE_TIMEOUT_SECONDS: String(config.idleTimeoutSeconds),
    HEARTBEAT_INTERVAL: String(config.heartbeatSeconds),
    VERIFY_SSL: 'false',
    ...(imageLogger === undefined ? {} : { E2E_IMAGE_EXPECTED_LOGGER: imageLogger[config.mode] }),
  };
}
