import { describeTyped, describeValue } from '../describe-value.ts';
import { parseIpv4, parseIpv4Network } from '../ipv4.ts';
import type { EachMatchOperator } from '../operator-types.ts';

const FORMATS: Readonly<Record<string, { readonly name: string; readonly test: (text: string) => boolean }>> =
  {
    uuid: {
      name: 'a UUID',
      test: (text) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text),
    },
    ipv4: { name: 'an IPv4 address', test: (text) => parseIpv4(text) !== undefined },
    ipv4_network: {
      name: 'an IPv4 network (CIDR)',
      test: (text) => parseIpv4Network(text) !== undefined,
    },
  };

export const format: EachMatchOperator = {
  applies: 'each-match',
  name: 'format',
  doc: 'a string of that format: `uuid`, `ipv4` (an address) or `ipv4_network` (CIDR, host bits allowed)',
  operandSchema: { description: 'A string of that format.', enum: ['uuid', 'ipv4', 'ipv4_network'] },
  examples: [
    { subject: '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b', operand: 'uuid' },
    { subject: 'nope', operand: 'uuid', fails: 'expected a UUID, got "nope"' },
    { subject: '10.184.208.1', operand: 'ipv4' },
    { subject: '10.184.208.0/23', operand: 'ipv4_network' },
    {
      subject: 'fd00::/8',
      operand: 'ipv4_network',
      fails: 'expected an IPv4 network (CIDR), got "fd00::/8"',
    },
  ],
  check(actual, operand) {
    const known = typeof operand === 'string' ? FORMATS[operand] : undefined;
    if (!known)
      return `format must be one of ${Object.keys(FORMATS).join(', ')}, got ${describeTyped(operand)}`;
    if (typeof actual === 'string' && known.test(actual)) return undefined;
    return `expected ${known.name}, got ${typeof actual === 'string' ? describeValue(actual) : describeTyped(actual)}`;
  },
};
