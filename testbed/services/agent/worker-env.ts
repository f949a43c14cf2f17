import { FAULTS_ENV, type FaultName } from '../../faults/fault-table.ts';
import { SERVICE_ENV, type ServiceConfig } from '../../shared/service-env.ts';

/** The variable that tells a worker which fixture function it serves (README "Worker protocol"). */
export const FUNCTION_NAME_ENV = 'FUNCTION_NAME';
/** The variable that tells a worker which loopback port to listen on. */
export const WORKER_PORT_ENV = 'WORKER_PORT';

/**
 * The agent's service environment written back out as variables, so workers read the same configuration
 * with `readServiceConfig`. Rendered from the parsed config rather than copied from `process.env`, so an
 * agent started in-process (tests) hands its workers exactly what it runs with.
 */
export function serviceEnvironment(
  config: ServiceConfig,
  faults: ReadonlySet<FaultName> = new Set(),
): Record<string, string> {
  const E = SERVICE_ENV;
  const { ports, credentials } = config;
  return {
    [E.esbEnv]: config.esbEnv,
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

/** One worker's environment: the service environment plus the function it serves and its port. */
export function workerEnvironment(
  serviceEnv: Readonly<Record<string, string>>,
  functionName: string,
  port: number,
): Record<string, string> {
  return { ...serviceEnv, [FUNCTION_NAME_ENV]: functionName, [WORKER_PORT_ENV]: String(port) };
}
