import type { Server } from 'node:https';
import { join } from 'node:path';
import type { FaultName } from '../../faults/fault-table.ts';
import { functionNamed, SCHEDULES } from '../../functions/function-catalog.ts';
import { listen } from '../../shared/listen.ts';
import { createLogShipper, type LogShipper } from '../../shared/log-shipper.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import { AgentClient } from './agent-client.ts';
import type { GatewayContext } from './gateway-context.ts';
import { GatewayLogger } from './gateway-log.ts';
import { createGatewayServer } from './gateway-server.ts';
import { invokeFunction } from './invoker.ts';
import { PoolManager } from './pool-manager.ts';
import { startScheduler } from './scheduler.ts';
import { generateCertificate } from './tls-certificate.ts';

export interface RunningGateway {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the gateway: certificate, pools, HTTPS server, janitor (prune, then agent heartbeat), scheduler.
 * At start it deletes every worker the agent runs for it: pools start empty, there is no adoption.
 */
export async function startGateway(options: {
  config: ServiceConfig;
  faults: ReadonlySet<FaultName>;
  shipper?: LogShipper;
  authEndpointPath?: string;
  schedulerFirstDelayMs?: number;
}): Promise<RunningGateway> {
  const { config, faults } = options;
  const shipper = options.shipper ?? createLogShipper({ url: config.victorialogsUrl });
  const logger = new GatewayLogger(shipper, faults.has('access-log-missing'));
  const agent = new AgentClient(config.agentUrl);
  const cleanup = removeOldWorkers(agent, logger);
  // No worker may be created before the start-up cleanup has run, or the cleanup would delete it.
  const provisioner = {
    create: async (name: string) => {
      await cleanup;
      return agent.create(name);
    },
    remove: (id: string) => agent.remove(id),
  };
  const pools = new PoolManager(provisioner, {
    breakerThreshold: config.breakerThreshold,
    breakerOpenMs: config.breakerRecoverySeconds * 1000,
    breakerNeverOpens: faults.has('breaker-never-opens'),
    ignoreCapacity: faults.has('pool-over-capacity'),
    rejectWhenFull: faults.has('queue-rejects'),
    dropEmptyPools: faults.has('pool-entry-removed-on-prune'),
  });
  const ctx: GatewayContext = {
    config,
    faults,
    pools,
    agent,
    logger,
    authEndpointPath: options.authEndpointPath ?? '/user/auth/v1',
    tokenLifetimeSeconds: 3000,
  };
  const server: Server = createGatewayServer(ctx, generateCertificate(join(config.dataDir, 'tls')));
  const port = await listen(server, config.ports.gateway);
  logger.log('INFO', 'gateway.main', `Gateway listening on ${port} (${config.mode} mode)`);

  const janitor = setInterval(() => {
    if (!faults.has('workers-never-pruned')) pools.prune(config.idleTimeoutSeconds * 1000);
    void agent.heartbeat().catch(() => undefined);
  }, config.heartbeatSeconds * 1000);
  const stopScheduler = faults.has('scheduler-off')
    ? () => undefined
    : startScheduler(
        SCHEDULES,
        async (job) => {
          const definition = functionNamed(job.functionName);
          if (definition === undefined) return;
          logger.log('INFO', 'gateway.scheduler', `Running scheduled job ${job.id}`);
          const outcome = await invokeFunction(pools, {
            definition,
            event: Buffer.from(job.input),
            log: (level, name, message) => logger.log(level, name, message),
          });
          if (outcome.kind === 'error')
            logger.log('ERROR', 'gateway.scheduler', `Scheduled job ${job.id} failed: ${outcome.message}`);
        },
        options.schedulerFirstDelayMs,
      );
  return {
    port,
    async close() {
      clearInterval(janitor);
      stopScheduler();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await logger.flush();
    },
  };
}

/** Deletes this gateway's old workers; the agent may still be starting, so it retries for a while. */
async function removeOldWorkers(agent: AgentClient, logger: GatewayLogger): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      await agent.removeAll();
      logger.log('INFO', 'gateway.main', 'Removed workers left by a previous gateway');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
