/**
 * IPv4 addresses and networks as the CNI checks read them (Python's ipaddress with strict=False): dotted quads
 * of decimal octets 0-255 without leading zeros, a network as <address>/<prefix 0-32> whose host bits may be set.
 */

/** An IPv4 address as a 32-bit number, or undefined when the text is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export interface Ipv4Network {
  /** The network address (the address with its host bits cleared). */
  readonly network: number;
  readonly prefix: number;
}

/** An IPv4 network in CIDR form, host bits allowed; undefined when the text is not one. */
export function parseIpv4Network(text: string): Ipv4Network | undefined {
  const match = /^([^/]+)\/(0|[1-9][0-9]?)$/.exec(text);
  if (match === null) return undefined;
  const address = parseIpv4(match[1] as string);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  return { network: address - (address % 2 ** (32 - prefix)), prefix };
}

/** Whether an address (a 32-bit number) lies in a network. */
export function addressInNetwork(address: number, network: Ipv4Network): boolean {
  return address - (address % 2 ** (32 - network.prefix)) === network.network;
}

/** A 32-bit address as a dotted quad. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
