import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The NAT and FORWARD rules ESB's runtime-node applies for the CNI network (contract-head §10), as `iptables -S`
 * lists them. The stand-in never calls iptables: it records the rules in its own container, where its iptables
 * (bin/iptables) lists them for the CNI check to read.
 */
export interface CniNetwork {
  readonly bridge: string;
  readonly subnet: string;
}

/** The seed's fixed network: rules applied once for esb0 and 10.88.0.0/16. */
export const SEED_CNI_NETWORK: CniNetwork = { bridge: 'esb0', subnet: '10.88.0.0/16' };

/** Files of the recorded rules, one per listing the stand-in answers. */
export const RULE_FILES = { nat: 'nat.rules', forward: 'forward.rules' } as const;

export function natRules(network: CniNetwork): string[] {
  return [
    '-P PREROUTING ACCEPT',
    '-P INPUT ACCEPT',
    '-P OUTPUT ACCEPT',
    '-P POSTROUTING ACCEPT',
    `-A POSTROUTING -s ${network.subnet} ! -d ${network.subnet} -j MASQUERADE`,
  ];
}

/** `-S FORWARD`; with `withoutOutbound` (fault cni-forward-rule-missing) the `-o <bridge>` rule is not applied. */
export function forwardRules(network: CniNetwork, withoutOutbound = false): string[] {
  return [
    '-P FORWARD ACCEPT',
    `-A FORWARD -i ${network.bridge} -j ACCEPT`,
    ...(withoutOutbound ? [] : [`-A FORWARD -o ${network.bridge} -j ACCEPT`]),
  ];
}

/** Records the rules, each file whole. */
export function recordRules(dir: string, nat: readonly string[], forward: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, lines] of [
    [RULE_FILES.nat, nat],
    [RULE_FILES.forward, forward],
  ] as const) {
    writeFileSync(join(dir, `${file}.tmp`), `${lines.join('\n')}\n`);
    renameSync(join(dir, `${file}.tmp`), join(dir, file));
  }
}
