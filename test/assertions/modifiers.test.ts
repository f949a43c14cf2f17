import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAssertions } from '../../assertions/check-assertions.ts';
import type { Observation } from '../../language/model/observation.ts';
import type { AssertionSpec } from '../../language/model/steps.ts';
import { documentObservation, httpObservation, jsonObservation, testScope } from './observations.ts';

const doc = {
  names: ['Alpha', 'beta'],
  nums: [1, 5, 9],
  child: { body: '{"success":true,"n":3}' },
  broken: { body: '{"success":' },
  items: [
    { id: 'a', tags: ['x'] },
    { id: 'b', tags: [] },
  ],
  max_capacity: 10,
  desired: 4,
  mode: 'warm',
};

function run(list: AssertionSpec[], observation: Observation = jsonObservation(doc)): [string, string][] {
  return checkAssertions(list, observation, testScope({ key: 'beta' }), ['expect', 'assert']).map((f) => [
    f.at.join('.'),
    f.message,
  ]);
}

describe('assertion modifiers', () => {
  it('every match must hold by default, and one failure names the first failing match', () => {
    assert.deepEqual(run([{ path: '$.nums[*]', gt: 0 }]), []);
    assert.deepEqual(run([{ path: '$.nums[*]', lt: 5 }]), [
      ['expect.assert.0.lt', '$.nums[*] (match 2 of 3; 2 fail): expected a number < 5, got 5'],
    ]);
  });

  it('any: true needs one match that holds', () => {
    assert.deepEqual(run([{ path: '$.nums[*]', any: true, equals: 9 }]), []);
    assert.deepEqual(run([{ path: '$.nums[*]', any: true, equals: 7 }]), [
      [
        'expect.assert.0.equals',
        '$.nums[*]: no match holds (any: true, 3 matches); match 1: expected 7, got 1; match 2: expected 7, got 5; match 3: expected 7, got 9',
      ],
    ]);
    assert.deepEqual(
      run([{ path: '$.nope[*]', any: true, equals: 7 }]).map(([at]) => at),
      ['expect.assert.0.path'],
    );
  });

  it('ignore_case applies to string comparisons', () => {
    assert.deepEqual(
      run([
        { path: '$.names[0]', ignore_case: true, equals: 'ALPHA' },
        { path: '$.names[0]', ignore_case: true, starts_with: 'al' },
        { path: '$.names[*]', ignore_case: true, includes_all: ['BETA'] },
        { path: '$.names', ignore_case: true, contains: 'ALPHA' },
        { path: '$.names[0]', ignore_case: true, matches: '^alpha$' },
        { path: '$.names[1]', ignore_case: true, one_of: ['BETA'] },
      ]),
      [],
    );
    assert.equal(run([{ path: '$.names[0]', equals: 'ALPHA' }]).length, 1);
  });

  it('default stands in when the path matches nothing', () => {
    assert.deepEqual(run([{ path: '$.missing', default: 0, equals: 0 }]), []);
    assert.deepEqual(run([{ path: '$.missing', default: '${vars.key}', equals: 'beta' }]), []);
    assert.deepEqual(run([{ path: '$.mode', default: 'cold', equals: 'cold' }]), [
      ['expect.assert.0.equals', '$.mode: expected "cold", got "warm"'],
    ]);
  });

  it('parse_json parses string matches, and invalid JSON is a failure', () => {
    assert.deepEqual(
      run([{ path: '$.child.body', parse_json: true, assert: [{ path: '$.success', equals: true }] }]),
      [],
    );
    assert.deepEqual(
      run([
        {
          path: '$.missing.body',
          default: '{}',
          parse_json: true,
          assert: [{ path: '$.success', absent: true }],
        },
      ]),
      [],
    );
    assert.deepEqual(run([{ path: '$.items[0]', parse_json: true, type: 'object' }]), []);
    const [failure] = run([{ path: '$.broken.body', parse_json: true, type: 'object' }]);
    assert.equal(failure?.[0], 'expect.assert.0.parse_json');
    assert.match(failure?.[1] ?? '', /^\$\.broken\.body: "\{\\"success\\":" is not valid JSON \(/);
  });

  it('nested assert reads each match as $', () => {
    assert.deepEqual(run([{ path: '$.items[*]', assert: [{ path: '$.id', type: 'string' }] }]), []);
    assert.deepEqual(run([{ path: '$.items[*]', assert: [{ path: '$.tags', length: { gte: 1 } }] }]), [
      ['expect.assert.0.assert.0.length', '$.items[*] (match 2 of 2): $.tags: expected length >= 1, got 0'],
    ]);
    assert.deepEqual(
      run([
        {
          path: '$.items[*]',
          any: true,
          assert: [
            { path: '$.id', equals: 'b' },
            { path: '$.tags', length: 0 },
          ],
        },
      ]),
      [],
    );
  });

  it('{ref: path} is the first match of a path in the same document', () => {
    assert.deepEqual(run([{ path: '$.desired', lte: { ref: '$.max_capacity' } }]), []);
    assert.deepEqual(run([{ path: '$.max_capacity', lte: { ref: '$.desired' } }]), [
      ['expect.assert.0.lte', '$.max_capacity: expected a number <= 4, got 10'],
    ]);
    assert.deepEqual(run([{ path: '$.desired', lte: { ref: '$.nothing' } }]), [
      ['expect.assert.0.lte', '$.desired: lte: operand {ref: $.nothing} matched nothing in the document'],
    ]);
    // Inside a nested list, `$` (and so a ref) is the match.
    assert.deepEqual(run([{ path: '$.items[*]', assert: [{ path: '$.id', equals: { ref: '$.id' } }] }]), []);
  });

  it('any_of with a subject: each match must meet one of the lists', () => {
    const spec: AssertionSpec = {
      path: '$.items[*]',
      any_of: [[{ path: '$.id', equals: 'a' }], [{ path: '$.tags', length: 0 }]],
    };
    assert.deepEqual(run([spec]), []);
    const failing: AssertionSpec = {
      path: '$.items[*]',
      any_of: [
        [{ path: '$.id', equals: 'z' }],
        [
          { path: '$.tags', length: 5 },
          { path: '$.id', equals: 'y' },
        ],
      ],
    };
    assert.deepEqual(run([failing]), [
      [
        'expect.assert.0.any_of',
        '$.items[*] (match 1 of 2; 2 fail): none of the 2 alternatives holds: (1) $.id: expected "z", got "a"; (2) $.tags: expected length = 5, got 1 and $.id: expected "y", got "a"',
      ],
    ]);
  });

  it('any_of without a subject reads the current document', () => {
    assert.deepEqual(
      run([{ any_of: [[{ path: '$.mode', equals: 'cold' }], [{ path: '$.mode', equals: 'warm' }]] }]),
      [],
    );
    assert.deepEqual(
      run([{ any_of: [[{ path: '$.mode', equals: 'cold' }], [{ path: '$.gone', exists: true }]] }]),
      [
        [
          'expect.assert.0.any_of',
          'none of the 2 alternatives holds: (1) $.mode: expected "cold", got "warm"; (2) $.gone: expected at least one match, got none',
        ],
      ],
    );
  });

  it('reports every failing assertion of a list, each at its own node', () => {
    assert.deepEqual(
      run([
        { path: '$.mode', equals: 'warm' },
        { path: '$.mode', equals: 'cold', starts_with: 'c' },
      ]).map(([at]) => at),
      ['expect.assert.1.equals', 'expect.assert.1.starts_with'],
    );
  });
});

describe('assertion subjects', () => {
  const observation = httpObservation('go_goroutines 12\ngo_threads 8\n', {
    parsedAs: 'text',
    headers: { 'content-type': 'text/plain; version=0.0.4', 'x-amzn-requestid': 'req-1' },
  });

  it('header (case-insensitive name), body: raw and value', () => {
    assert.deepEqual(
      run(
        [
          { header: 'Content-Type', starts_with: 'text/plain' },
          { header: 'x-missing', absent: true },
          { body: 'raw', contains: 'go_goroutines' },
          { value: '${auth.token}', length: { gt: 0 } },
          { value: 'literal', equals: 'literal' },
          { path: '$', type: 'string' },
        ],
        observation,
      ),
      [],
    );
    assert.deepEqual(run([{ header: 'content-type', starts_with: 'application/json' }], observation), [
      [
        'expect.assert.0.starts_with',
        'header content-type: expected a string starting with "application/json", got "text/plain; version=0.0.4"',
      ],
    ]);
    assert.deepEqual(run([{ body: 'raw', contains: 'process_cpu' }], observation), [
      [
        'expect.assert.0.contains',
        'body: expected a string containing "process_cpu", got "go_goroutines 12\\ngo_threads 8\\n"',
      ],
    ]);
  });

  it('templates the path before querying it', () => {
    assert.deepEqual(run([{ path: "$.names[?(@ == '${vars.key}')]", count: 1 }]), []);
  });

  it('reports a bad path, an unknown reference and a misused subject at the subject', () => {
    assert.deepEqual(run([{ path: '$.items[0', exists: true }]), [
      [
        'expect.assert.0.path',
        'path "$.items[0": JSONPath $.items[0 is invalid: \']\' is missing at the end',
      ],
    ]);
    const [[at, message] = ['', '']] = run([{ value: '${vars.nope}', exists: true }]);
    assert.equal(at, 'expect.assert.0.value');
    assert.match(message, /template error: \$\{vars.nope\} is not set/);
    assert.deepEqual(run([{ header: 'x', exists: true }], documentObservation({})), [
      ['expect.assert.0.header', "header x: a hook's result is a document and has no headers"],
    ]);
    assert.deepEqual(run([{ path: '$.a', header: 'x', exists: true }]), [
      ['expect.assert.0.header', 'an assertion names one subject; this one names path and header'],
    ]);
    assert.deepEqual(run([{ equals: 1 } as AssertionSpec]), [
      ['expect.assert.0', 'an assertion needs a subject (path, header, body or value), or any_of alone'],
    ]);
    assert.deepEqual(
      run([{ path: '$', equal: 1 } as unknown as AssertionSpec]).map(([at]) => at),
      ['expect.assert.0.equal'],
    );
  });

  it('reads a hook document with paths', () => {
    const hook = documentObservation({
      HostConfig: { RestartPolicy: { Name: 'unless-stopped' } },
      RestartCount: 0,
    });
    assert.deepEqual(run([{ path: '$.HostConfig.RestartPolicy.Name', equals: 'unless-stopped' }], hook), []);
  });

  it('keeps failure messages short for long values', () => {
    const long = 'x'.repeat(1000);
    const [[, message] = ['', '']] = run([{ path: '$.text', equals: 'y' }], jsonObservation({ text: long }));
    assert.ok(message.length < 260, `message is ${message.length} chars`);
    assert.match(message, /…$/);
  });
});
