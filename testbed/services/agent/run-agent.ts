import { activeFaults } from '../../faults/fault-table.ts';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import { CNI_DIR_ENV, cniBrand, cniIdentityFor, writeCniIdentity } from '../../shared/cni-identity.ts';
import { readServiceConfig, serviceEnvironment } from '../../shared/service-env.ts';
import { IMAGE_ENV, REPO_ENV, WORKER_ENTRY_ENV } from './agent-env.ts';
import { startAgent, TESTBED_SPARE_WORKERS } from './agent-server.ts';
import { createDockerBackend } from './docker-backend.ts';

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
  // ESB 2026-03-02 on, containerd: the stack's CNI identity for runtime-node (in the folder the testbed shares).
  const cniDir = env[CNI_DIR_ENV];
  if (cniDir && config.mode === 'containerd' && esbBehaviour(config.esb).cniIdentity) {
    writeCniIdentity(cniDir, cniIdentityFor(cniBrand(config.projectName, config.esbEnv)));
    logLine('wrote the CNI identity', { dir: cniDir });
  }
  const backend = createDockerBackend({
    image: required(env, IMAGE_ENV),
    repoPath: required(env, REPO_ENV),
    projectName: config.projectName,
    serviceEnv: serviceEnvironment(config, faults),
    // Unset: the TypeScript sources through tsx (slower cold starts, same behaviour).
    ...(env[WORKER_ENTRY_ENV] ? { workerEntry: env[WORKER_ENTRY_ENV] } : {}),
  });
  const agent = await startAgent({
    port: config.ports.agent,
    metricsPort: config.ports.agentMetrics,
    config,
    backend,
    faults,
    spareWorkers: TESTBED_SPARE_WORKERS,
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
