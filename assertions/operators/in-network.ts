import { describeTyped, describeValue } from '../describe-value.ts';
import { addressInNetwork, formatIpv4, parseIpv4, parseIpv4Network } from '../ipv4.ts';
import type { EachMatchOperator } from '../operator-types.ts';

/**
 * An IPv4 address inside a network, or a network whose network address is inside it: what the CNI identity
 * check asks of the gateway IP and of the subnet (its network address begins with 10., i.e. lies in 10.0.0.0/8).
 */
export const inNetwork: EachMatchOperator = {
  applies: 'each-match',
  name: 'in_network',
  doc: 'an IPv4 address (or a network, by its network address) inside the operand network, e.g. 10.0.0.0/8',
  operandSchema: {
    description: 'An IPv4 network in CIDR form, e.g. 10.0.0.0/8 or ${vars.subnet}; host bits may be set.',
    $ref: '#/$defs/templatedString',
  },
  examples: [
    { subject: '10.184.208.1', operand: '10.184.208.0/23' },
    {
      subject: '10.184.210.1',
      operand: '10.184.208.0/23',
      fails: 'expected an address inside 10.184.208.0/23',
    },
    { subject: '10.184.208.0/23', operand: '10.0.0.0/8' },
    { subject: '172.16.0.0/12', operand: '10.0.0.0/8', fails: 'network address 172.16.0.0' },
  ],
  check(actual, operand) {
    const network = typeof operand === 'string' ? parseIpv4Network(operand) : undefined;
    if (network === undefined)
      return `in_network needs an IPv4 network such as 10.0.0.0/8, got operand ${describeTyped(operand)}`;
    const written = operand as string;
    if (typeof actual !== 'string')
      return `expected an IPv4 address or network inside ${written}, got ${describeTyped(actual)}`;
    const address = parseIpv4(actual);
    if (address !== undefined)
      return addressInNetwork(address, network)
        ? undefined
        : `expected an address inside ${written}, got ${describeValue(actual)}`;
    const subject = parseIpv4Network(actual);
    if (subject === undefined)
      return `expected an IPv4 address or network inside ${written}, got ${describeValue(actual)}`;
    return addressInNetwork(subject.network, network)
      ? undefined
      : `expected a network inside ${written}, got ${describeValue(actual)} (network address ${formatIpv4(subject.network)})`;
  },
};
