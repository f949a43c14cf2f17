import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The containerd CNI identity of ESB 2026-03-02 on (contract-head §10): the agent derives it from the stack and
 * writes it to /var/lib/cni/esb-cni.env on a volume runtime-node shares; runtime-node applies its NAT rules from
 * it. In the testbed the folder is a host folder of the testbed's state, bind-mounted into the agent and
 * runtime-node containers only (ESB_TESTBED_CNI_DIR names it inside them): nothing touches the host's network.
 */
export interface CniIdentity {
  readonly network: string;
  readonly bridge: string;
  readonly subnet: string;
  readonly gatewayIp: string;
}

/** The variable naming the identity folder inside the containers that share it; unset elsewhere. */
export const CNI_DIR_ENV = 'ESB_TESTBED_CNI_DIR';
/** Where ESB keeps the identity folder in its containers. */
export const CNI_DIR = '/var/lib/cni';
export const CNI_IDENTITY_FILE = 'esb-cni.env';

/** The stack's brand: the project name without its environment (esb-e2e-containerd -> esb). */
export function cniBrand(projectName: string, env: string): string {
  const suffix = `-${env}`;
  return projectName.endsWith(suffix) && projectName.length > suffix.length
    ? projectName.slice(0, -suffix.length)
    : projectName;
}

/**
 * The identity of a brand, deterministically: network `<brand>-net`; bridge `esb-` + up to 4 characters of the
 * brand without dashes + the first 6 hex digits of md5(brand); a /23 in 10.0.0.0/8 whose second octet is never 88
 * (ESB's old fixed 10.88.0.0/16), slot md5's first 4 bytes (big-endian) modulo the 255 x 128 slots; the gateway
 * is the subnet's first host. For brand `esb` this gives contract-head §10's E2E values: esb-net,
 * esb-esbefb03b, 10.184.208.0/23, 10.184.208.1 (the collision probe of other conflists is not needed here).
 */
export function cniIdentityFor(brand: string): CniIdentity {
  const digest = createHash('md5').update(brand).digest();
  const seconds = Array.from({ length: 256 }, (_, i) => i).filter((octet) => octet !== 88);
  const slot = digest.readUInt32BE(0) % (seconds.length * 128);
  const second = seconds[Math.floor(slot / 128)] as number;
  const third = (slot % 128) * 2;
  return {
    network: `${brand}-net`,
    bridge: `esb-${brand.replaceAll('-', '').slice(0, 4)}${digest.toString('hex').slice(0, 6)}`,
    subnet: `10.${second}.${third}.0/23`,
    gatewayIp: `10.${second}.${third}.1`,
  };
}

/** The file's text: shell single-quoted assignments, as the agent writes them. */
export function cniIdentityFileText(identity: CniIdentity): string {
  const quoted = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    `CNI_NETWORK=${quoted(identity.network)}`,
    `CNI_BRIDGE=${quoted(identity.bridge)}`,
    `CNI_SUBNET=${quoted(identity.subnet)}`,
    `CNI_GW_IP=${quoted(identity.gatewayIp)}`,
    '',
  ].join('\n');
}

/** Writes the identity file whole (a reader never sees half of it). */
export function writeCniIdentity(dir: string, identity: CniIdentity): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CNI_IDENTITY_FILE);
  writeFileSync(`${path}.tmp`, cniIdentityFileText(identity));
  renameSync(`${path}.tmp`, path);
}

/** Reads the identity file; undefined while it is missing or incomplete. */
export function readCniIdentity(dir: string): CniIdentity | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, CNI_IDENTITY_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)='((?:[^']|'\\'')*)'$/.exec(line.trim());
    if (match) values.set(match[1] as string, (match[2] as string).replaceAll("'\\''", "'"));
  }
  const [network, bridge, subnet, gatewayIp] = ['CNI_NETWORK', 'CNI_BRIDGE', 'CNI_SUBNET', 'CNI_GW_IP'].map(
    (key) => values.get(key),
  );
  if (!network || !bridge || !subnet || !gatewayIp) return undefined;
  return { network, bridge, subnet, gatewayIp };
}
