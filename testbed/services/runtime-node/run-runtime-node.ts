import { activeFaults } from '../../faults/fault-table.ts';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import { CNI_DIR_ENV, readCniIdentity } from '../../shared/cni-identity.ts';
import { readServiceConfig } from '../../shared/service-env.ts';
import { forwardRules, natRules, recordRules, SEED_CNI_NETWORK } from './nat-rules.ts';

/** Where the stand-in records its rules inside its container; bin/iptables reads them there. */
export const RULES_DIR = '/var/lib/esb-runtime-node';
/** ESB's watcher re-applies the rules every 2 s until the identity resolves. */
const WATCH_INTERVAL_MS = 2000;

function logLine(message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ _time: new Date().toISOString(), level: 'INFO', service: 'runtime-node', message, ...fields })}\n`,
  );
}

/**
 * runtime-node of containerd mode: at the seed the fixed rules once; from ESB 2026-03-02 on the rules of the CNI
 * identity the agent writes, watched for until it appears. SIGTERM ends it with status 0.
 */
export async function runRuntimeNode(env: NodeJS.ProcessEnv): Promise<void> {
  const config = readServiceConfig(env);
  const withoutOutbound = activeFaults(env).has('cni-forward-rule-missing');
  const apply = (network: { bridge: string; subnet: string }) => {
    recordRules(RULES_DIR, natRules(network), forwardRules(network, withoutOutbound));
    logLine('applied the NAT rules', { bridge: network.bridge, subnet: network.subnet });
  };
  const cniDir = env[CNI_DIR_ENV];
  if (!esbBehaviour(config.esb).cniIdentity || !cniDir) apply(SEED_CNI_NETWORK);
  else {
    const watch = setInterval(() => {
      const identity = readCniIdentity(cniDir);
      if (identity === undefined) return;
      clearInterval(watch);
      apply(identity);
    }, WATCH_INTERVAL_MS);
  }
  // Runs until stopped, as the real service does.
  const alive = setInterval(() => {}, 60_000);
  const exit = (signal: NodeJS.Signals) => {
    clearInterval(alive);
    logLine('runtime-node stopping', { signal });
    process.exit(0);
  };
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
}
