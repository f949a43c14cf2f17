import type { FaultName } from '../../faults/fault-table.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import type { AgentClient } from './agent-client.ts';
import type { GatewayLevel, GatewayLogger } from './gateway-log.ts';
import type { PoolManager } from './pool-manager.ts';

/** What every request handler may use. */
export interface GatewayContext {
  readonly config: ServiceConfig;
  readonly faults: ReadonlySet<FaultName>;
  readonly pools: PoolManager;
  readonly agent: AgentClient;
  readonly logger: GatewayLogger;
  readonly authEndpointPath: string;
  readonly tokenLifetimeSeconds: number;
}

/** The per-request part: ids, trace, and a logger bound to them. */
export interface RequestScope {
  readonly requestId: string;
  /** The effective trace, full form. */
  readonly trace: string;
  readonly url: URL;
  log(level: GatewayLevel, logger: string, message: string, fields?: Record<string, unknown>): void;
}
