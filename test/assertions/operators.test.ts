import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkAssertions } from '../../assertions/check-assertions.ts';
import { OPERATOR_TABLE } from '../../assertions/operator-table.ts';
import type { Observation } from '../../language/model/observation.ts';
import type { AssertionSpec } from '../../language/model/steps.ts';
import { jsonObservation, testScope } from './observations.ts';

const doc = {
  success: true,
  one: 1,
  zero: 0,
  half: 1.5,
  text: 'Echo: smoke-python',
  none: null,
  empty: '',
  id: '3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b',
  gateway_ip: '10.184.208.1',
  subnet: '10.184.208.0/23',
  list: ['a', 'b', 'c'],
  nums: [1, 2, 3],
  items: [
    { trace: 't1', span: 's1', n: 1 },
    { trace: 't1', span: 's2', n: 2 },
  ],
  dup: [
    { trace: 't1', span: 's1' },
    { trace: 't2', span: 's2' },
    { trace: 't1', span: 's1' },
  ],
  left: ['x', 'y'],
  right: ['z', 'y'],
  other: ['q'],
  obj: { a: 1 },
  max_capacity: 10,
};

/** Runs one assertion on `doc` and returns its failures as [at, message]; the list sits at ['assert']. */
function run(spec: AssertionSpec, observation: Observation = jsonObservation(doc)): [string, string][] {
  return checkAssertions(
    [spec],
    observation,
    testScope({ expected: 'Echo: smoke-python', n: 2, subnet: '10.184.208.0/23' }),
    ['assert'],
  ).map((f) => [f.at.join('.'), f.message]);
}

function passes(spec: AssertionSpec): void {
  assert.deepEqual(run(spec), [], `expected ${JSON.stringify(spec)} to hold`);
}

function fails(spec: AssertionSpec, at: string, message: string | RegExp): void {
  const found = run(spec);
  assert.equal(found.length, 1, `expected one failure, got ${JSON.stringify(found)}`);
  const [[where, text]] = found as [[string, string]];
  assert.equal(where, at);
  if (typeof message === 'string') assert.equal(text, message);
  else assert.match(text, message);
}

describe('operators', () => {
  it('equals: deep and type-strict', () => {
    passes({ path: '$.text', equals: 'Echo: smoke-python' });
    passes({ path: '$.obj', equals: { a: 1 } });
    passes({ path: '$.none', equals: null });
    passes({ path: '$.text', equals: '${vars.expected}' });
    fails(
      { path: '$.text', equals: 'Echo:smoke-python' },
      'assert.0.equals',
      '$.text: expected "Echo:smoke-python", got "Echo: smoke-python"',
    );
    fails({ path: '$.success', equals: 1 }, 'assert.0.equals', '$.success: expected 1, got true');
    fails({ path: '$.missing', equals: null }, 'assert.0.path', /^\$\.missing: matched nothing/);
    fails({ path: '$.nums', equals: [1, 2] }, 'assert.0.equals', '$.nums: expected [1,2], got [1,2,3]');
  });

  it('not_equals', () => {
    passes({ path: '$.one', not_equals: '1' });
    fails({ path: '$.one', not_equals: 1 }, 'assert.0.not_equals', '$.one: expected anything but 1, got 1');
  });

  it('exists and absent look at the set of matches', () => {
    passes({ path: '$.none', exists: true });
    passes({ path: '$.missing', absent: true });
    fails(
      { path: '$.missing', exists: true },
      'assert.0.exists',
      '$.missing: expected at least one match, got none',
    );
    fails(
      { path: '$.list[*]', absent: true },
      'assert.0.absent',
      '$.list[*]: expected no match, got 3: ["a","b","c"]',
    );
  });

  it('contains and not_contains on strings and arrays', () => {
    passes({ path: '$.text', contains: 'smoke' });
    passes({ path: '$.list', contains: 'b' });
    passes({ path: '$.items', contains: { trace: 't1', span: 's2', n: 2 } });
    passes({ path: '$.text', not_contains: 'error' });
    fails(
      { path: '$.text', contains: 'Smoke' },
      'assert.0.contains',
      '$.text: expected a string containing "Smoke", got "Echo: smoke-python"',
    );
    fails(
      { path: '$.list', contains: 'z' },
      'assert.0.contains',
      '$.list: expected an array containing "z", got ["a","b","c"]',
    );
    fails(
      { path: '$.one', contains: '1' },
      'assert.0.contains',
      '$.one: expected a string or array, got 1 (number)',
    );
    fails(
      { path: '$.list', not_contains: 'a' },
      'assert.0.not_contains',
      '$.list: expected an array not containing "a", got ["a","b","c"]',
    );
  });

  it('starts_with', () => {
    passes({ path: '$.text', starts_with: 'Echo:' });
    fails(
      { path: '$.text', starts_with: 'echo' },
      'assert.0.starts_with',
      '$.text: expected a string starting with "echo", got "Echo: smoke-python"',
    );
    fails(
      { path: '$.one', starts_with: '1' },
      'assert.0.starts_with',
      '$.one: expected a string starting with "1", got 1 (number)',
    );
  });

  it('matches: a bare pattern or /re/flags', () => {
    passes({ path: '$.text', matches: '^Echo: smoke-(python|node)$' });
    passes({ path: '$.text', matches: '/ECHO/i' });
    fails(
      { path: '$.text', matches: '^smoke' },
      'assert.0.matches',
      '$.text: expected a string matching /^smoke/, got "Echo: smoke-python"',
    );
    fails({ path: '$.text', matches: '(' }, 'assert.0.matches', /^\$\.text: invalid regular expression \(: /);
    fails(
      { path: '$.one', matches: '1' },
      'assert.0.matches',
      '$.one: expected a string matching /1/, got 1 (number)',
    );
  });

  it('one_of', () => {
    passes({ path: '$.one', one_of: [1, 2] });
    fails({ path: '$.one', one_of: ['1', 2] }, 'assert.0.one_of', '$.one: expected one of ["1",2], got 1');
  });

  it('type', () => {
    passes({ path: '$.one', type: 'integer' });
    passes({ path: '$.half', type: 'number' });
    passes({ path: '$.none', type: 'null' });
    passes({ path: '$.obj', type: 'object' });
    passes({ path: '$.list', type: 'array' });
    passes({ path: '$.success', type: 'boolean' });
    passes({ path: '$.text', type: 'string' });
    fails(
      { path: '$.half', type: 'integer' },
      'assert.0.type',
      '$.half: expected a value of type integer, got 1.5 (number)',
    );
    fails(
      { path: '$.list', type: 'object' },
      'assert.0.type',
      '$.list: expected a value of type object, got ["a","b","c"] (array)',
    );
  });

  it('format: uuid, ipv4, ipv4_network', () => {
    passes({ path: '$.id', format: 'uuid' });
    fails(
      { path: '$.text', format: 'uuid' },
      'assert.0.format',
      '$.text: expected a UUID, got "Echo: smoke-python"',
    );
    passes({ path: '$.gateway_ip', format: 'ipv4' });
    passes({ path: '$.subnet', format: 'ipv4_network' });
    // Host bits may be set, as with Python's ip_network(strict=False).
    passes({ value: '10.184.208.7/23', format: 'ipv4_network' });
    for (const bad of ['10.184.208.256', '10.184.208', '010.1.2.3', '10.1.2.3 '])
      fails(
        { value: bad, format: 'ipv4' },
        'assert.0.format',
        `value ${JSON.stringify(bad)}: expected an IPv4 address, got ${JSON.stringify(bad)}`,
      );
    for (const bad of ['10.184.208.0/33', '10.184.208.0', '10.184.208.0/023', 'fd00::/8'])
      fails(
        { value: bad, format: 'ipv4_network' },
        'assert.0.format',
        `value ${JSON.stringify(bad)}: expected an IPv4 network (CIDR), got ${JSON.stringify(bad)}`,
      );
  });

  it('in_network: an address inside the network, or a network by its network address', () => {
    passes({ path: '$.gateway_ip', in_network: '${vars.subnet}' });
    passes({ path: '$.gateway_ip', in_network: '10.184.209.255/23' });
    passes({ path: '$.subnet', in_network: '10.0.0.0/8' });
    // 10.1.2.3/7's network address is 10.0.0.0: inside 10.0.0.0/8, as Python's startswith('10.') says.
    passes({ value: '10.1.2.3/7', in_network: '10.0.0.0/8' });
    passes({ value: '192.168.1.1', in_network: '0.0.0.0/0' });
    fails(
      { value: '10.184.210.1', in_network: '${vars.subnet}' },
      'assert.0.in_network',
      'value "10.184.210.1": expected an address inside 10.184.208.0/23, got "10.184.210.1"',
    );
    fails(
      { value: '10.1.2.3/6', in_network: '10.0.0.0/8' },
      'assert.0.in_network',
      'value "10.1.2.3/6": expected a network inside 10.0.0.0/8, got "10.1.2.3/6" (network address 8.0.0.0)',
    );
    fails(
      { path: '$.text', in_network: '10.0.0.0/8' },
      'assert.0.in_network',
      /expected an IPv4 address or network inside 10\.0\.0\.0\/8, got "Echo/,
    );
    fails({ path: '$.one', in_network: '10.0.0.0/8' }, 'assert.0.in_network', /got 1 \(number\)/);
    fails(
      { path: '$.gateway_ip', in_network: '10.0.0.0' },
      'assert.0.in_network',
      /in_network needs an IPv4 network such as 10\.0\.0\.0\/8, got operand "10\.0\.0\.0"/,
    );
  });

  it('gt, gte, lt, lte compare numbers only', () => {
    passes({ path: '$.one', gt: 0 });
    passes({ path: '$.one', gte: 1 });
    passes({ path: '$.one', lt: 2 });
    passes({ path: '$.one', lte: 1 });
    passes({ path: '$.one', lte: '${settings.max}' });
    fails({ path: '$.one', gt: 1 }, 'assert.0.gt', '$.one: expected a number > 1, got 1');
    fails({ path: '$.one', gte: 2 }, 'assert.0.gte', '$.one: expected a number >= 2, got 1');
    fails({ path: '$.one', lt: 1 }, 'assert.0.lt', '$.one: expected a number < 1, got 1');
    fails({ path: '$.half', lte: 1 }, 'assert.0.lte', '$.half: expected a number <= 1, got 1.5');
    fails(
      { path: '$.text', gt: 1 },
      'assert.0.gt',
      '$.text: expected a number > 1, got "Echo: smoke-python" (string)',
    );
    fails(
      { path: '$.one', gt: 'a' },
      'assert.0.gt',
      '$.one: the operand of gt must be a number, got "a" (string)',
    );
  });

  it('length of strings and arrays: a number or bounds', () => {
    passes({ path: '$.list', length: 3 });
    passes({ path: '$.text', length: { gte: 1, lt: 100 } });
    fails({ path: '$.empty', length: { gt: 0 } }, 'assert.0.length', '$.empty: expected length > 0, got 0');
    fails(
      { path: '$.list', length: { gte: 1, lt: 3 } },
      'assert.0.length',
      '$.list: expected length >= 1 and < 3, got 3',
    );
    fails(
      { path: '$.one', length: 1 },
      'assert.0.length',
      '$.one: expected a string or array to measure, got 1 (number)',
    );
  });

  it('count: the number of matches', () => {
    passes({ path: '$.list[*]', count: 3 });
    passes({ path: '$.missing', count: 0 });
    passes({ path: '$.items[*]', count: { gte: '${vars.n}' } });
    fails(
      { path: '$.list[*]', count: { gte: 4 } },
      'assert.0.count',
      '$.list[*]: expected count >= 4, got 3',
    );
    fails({ path: '$.list', count: 3 }, 'assert.0.count', '$.list: expected count = 3, got 1');
  });

  it('truthy and falsy use Python truthiness', () => {
    passes({ path: '$.success', truthy: true });
    passes({ path: '$.list', truthy: true });
    for (const path of ['$.zero', '$.empty', '$.none']) passes({ path, falsy: true });
    passes({ value: '${vars.expected}', truthy: true });
    fails({ path: '$.zero', truthy: true }, 'assert.0.truthy', '$.zero: expected a truthy value, got 0');
    fails({ path: '$.obj', falsy: true }, 'assert.0.falsy', '$.obj: expected a falsy value, got {"a":1}');
  });

  it('unique_by', () => {
    passes({ path: '$.items', unique_by: ['trace', 'span'] });
    fails(
      { path: '$.items', unique_by: ['trace'] },
      'assert.0.unique_by',
      '$.items: expected items unique by trace; items 0 and 1 share {"trace":"t1"}',
    );
    fails(
      { path: '$.dup', unique_by: ['trace', 'span'] },
      'assert.0.unique_by',
      '$.dup: expected items unique by trace, span; items 0 and 2 share {"trace":"t1","span":"s1"}',
    );
    fails(
      { path: '$.items[*]', unique_by: ['trace'] },
      'assert.0.unique_by',
      /^\$\.items\[\*\] \(match 1 of 2; 2 fail\): expected an array of objects, got .* \(object\); match the array itself/,
    );
  });

  it('disjoint_with', () => {
    passes({ path: '$.left[*]', disjoint_with: '$.other[*]' });
    fails(
      { path: '$.left[*]', disjoint_with: '$.right[*]' },
      'assert.0.disjoint_with',
      '$.left[*]: expected no value in common with $.right[*], got "y" in both',
    );
    fails(
      { path: '$.left[*]', disjoint_with: 'right' },
      'assert.0.disjoint_with',
      /JSONPath right is invalid/,
    );
  });

  it('includes_all', () => {
    passes({ path: '$.list[*]', includes_all: ['c', 'a'] });
    fails(
      { path: '$.list[*]', includes_all: ['a', 'd'] },
      'assert.0.includes_all',
      '$.list[*]: expected the matches to include ["a","d"], missing ["d"]; matches: ["a","b","c"]',
    );
    fails(
      { path: '$.list', includes_all: ['a'] },
      'assert.0.includes_all',
      /the path matched one array: match its items instead/,
    );
  });

  it('covers every operator of the table in this file', () => {
    // The table is the list: an operator is covered when an it() title here names it.
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const titles = [...source.matchAll(/^ {2}it\('([^']*)'/gm)].map((m) => m[1]).join(' | ');
    const untested = OPERATOR_TABLE.map((o) => o.name).filter(
      (name) => !new RegExp(`\\b${name}\\b`).test(titles),
    );
    assert.deepEqual(untested, [], `add an it() for each of these to ${import.meta.url}`);
  });
});
