import { activeFaults } from '../../faults/fault-table.ts';
import { readServiceConfig, serviceEnvironment } from '../../shared/service-env.ts';
import { startAgent } from './agent-server.ts';
import { createDockerBackend } from './docker-backend.ts';

/** The base image worker containers run from, built locally by the testbed CLI. */
export const IMAGE_ENV = 'ESB_TESTBED_IMAGE';
/** The project checkout on the host, bind-mounted into every worker. */
export const REPO_ENV = 'ESB_TESTBED_REPO';

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}

function logLine(message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ _time: new Date().toISOString(), level: 'INFO', service: 'agent', message, ...fields })}\n`,
  );
}

/**
 * The agent service as the testbed runs it: Docker workers, ports from the service environment. SIGTERM ends
 * the process with status 0 and leaves every worker running (a restarted agent adopts them).
 */
export async function runAgent(env: NodeJS.ProcessEnv): Promise<void> {
  const config = readServiceConfig(env);
  const faults = activeFaults(env);
  const backend = createDockerBackend({
    image: required(env, IMAGE_ENV),
    repoPath: required(env, REPO_ENV),
    projectName: config.projectName,
    serviceEnv: serviceEnvironment(config, faults),
  });
  const agent = await startAgent({
    port: config.ports.agent,
    metricsPort: config.ports.agentMetrics,
    config,
    backend,
    faults,
    log: logLine,
  });
  logLine('agent listening', { port: agent.port, metricsPort: agent.metricsPort, mode: config.mode });
  const exit = (signal: NodeJS.Signals) => {
    logLine('agent stopping; workers keep running', { signal });
    process.exit(0);
  };
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
}
