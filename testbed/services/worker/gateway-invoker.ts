import type { Dispatcher } from 'undici';
import type { InvokeThroughGatewayOptions } from './chain-invoke.ts';
import type { ChainInvokeResult } from './function-context.ts';

/** A worker's Lambda Invoke client: one HTTPS pool shared by its invocations. */
export interface GatewayInvoker {
  invoke(options: InvokeThroughGatewayOptions): Promise<ChainInvokeResult>;
  close(): Promise<void>;
}

/**
 * Loads the Invoke client (and with it undici) on the first chained call, so a worker whose fixture never
 * chains never parses it. A static import here would put undici back into every worker's start.
 */
export function lazyGatewayInvoker(): GatewayInvoker {
  let client:
    | Promise<{
        invokeThroughGateway: typeof import('./chain-invoke.ts').invokeThroughGateway;
        pool: Dispatcher;
      }>
    | undefined;
  const load = () => {
    client ??= import('./chain-invoke.ts').then((module) => ({
      invokeThroughGateway: module.invokeThroughGateway,
      pool: module.createGatewayAgent(),
    }));
    return client;
  };
  return {
    async invoke(options) {
      const { invokeThroughGateway, pool } = await load();
      return invokeThroughGateway({ ...options, dispatcher: pool });
    },
    async close() {
      if (client !== undefined) await (await client).pool.close();
    },
  };
}
