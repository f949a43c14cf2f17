import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../../runner/load/diagnostic.ts';
import { schemaPath } from '../../runner/load/schema-check.ts';
import { BODY_LINE, loadCase, where } from './load-case-text.ts';

/** A case that uses every step kind and every form the schema allows. */
const EVERYTHING = `    id: ABC-001
    fixture: auth
    skip_if:
      - { when: '\${settings.idle_timeout_seconds > 120}', reason: idle timeout above 120 s }
    resources: { exclusive: ['function:lambda-chaos'], shared: [platform] }
    vars:
      key: test-\${random.hex(8)}.txt
      body: { name: '\${vars.key}', sizes: [1, 2] }
    steps:
      - name: put
        when: \${env.SKIP_PUT ?? '' == ''}
        request:
          target: gateway
          method: PUT
          path: /api/s3/\${vars.key}
          query: { limit: 100, exact: true, q: 'trace_id:"x"' }
          headers: { X-Amzn-Trace-Id: 'Root=1-\${time.epoch_hex}-abc' }
          json: \${vars.body}
          auth: token
          timeout: none
        retry: { attempts: 5, interval: 2, on_status: [500, 502], on_transport_error: true }
        poll:
          timeout: 45
          attempts: \${settings.idle_timeout_seconds}
          interval: 0.5
          until: { assert: [{ path: $, count: { gte: 1 } }] }
          accumulate: true
          require_each: { status: [200, 204] }
        expect:
          status: 200
          latency_under: 1.5
          parse: json
          assert:
            - { path: $.success, equals: true }
            - { header: content-type, starts_with: text/plain, ignore_case: true }
            - { body: raw, contains: go_goroutines }
            - { value: '\${vars.key}', matches: '/^test-/i' }
            - { path: $.items, length: { gte: 1, lt: '\${vars.max}' }, unique_by: [id, name] }
            - { path: '$.items[*].id', count: 3, includes_all: [a, b], disjoint_with: '$.other[*].id' }
            - { path: $.n, gt: 0, gte: '\${vars.min}', lt: { ref: $.max }, lte: 10, any: true, default: 0 }
            - { path: $.id, format: uuid, type: string, one_of: [a, b], not_equals: c, not_contains: d }
            - { path: $.flag, truthy: true }
            - { path: $.empty, falsy: true, exists: true }
            - { path: $.gone, absent: true }
            - path: $.child
              parse_json: true
              assert:
                - any_of:
                    - [{ path: $.body, type: object }]
                    - [{ path: $.body, absent: true }, { path: $.success, equals: true }]
          any_of:
            - { status: 501 }
            - { status: 200, any_of: [{ parse: text }] }
        capture:
          item_id: $.item_id
          root: { path: $.trace_id, regex: '^(?:Root=)?([^;]+)' }
          request_id: { header: x-amzn-requestid }
      - request: { target: invoke, function: lambda-echo, invocation_type: Event, text: raw body }
        expect: { status: 202 }
      - request: { target: victorialogs, path: /select/logsql/query, auth: none, timeout: '\${vars.wait}' }
      - hook: inspect_service
        with: { service: gateway }
        expect: { assert: [{ path: $.RestartCount, type: integer }] }
        capture: { restart_count: $.RestartCount }
      - sleep: \${settings.idle_timeout_seconds + 10}
      - parallel:
          count: 10
          steps:
            - request: { path: /api/echo, json: { message: 'stress-\${index}' }, timeout: 60 }
              expect: { status: 200 }
      - loop:
          count: \${ceil(vars.total / vars.interval)}
          steps:
            - sleep: 1
            - assert: [{ value: '\${index}', gte: 0 }]
      - assert:
          - { value: '\${auth.token}', length: { gt: 0 } }
`;

function problemsOf(body: string) {
  const loaded = loadCase(body);
  return { ...loaded, found: where(loaded.diagnostics) };
}

/** One step under a case with a declared ID and one var, so that only the step's own fault shows. */
function oneStep(step: string): ReturnType<typeof problemsOf> {
  return problemsOf(`    id: ABC-001\n    vars: { key: k }\n    steps:\n${step}\n`);
}

const STEP_LINE = BODY_LINE + 3;

describe('catalogue schema: steps', () => {
  it('accepts every step kind and every documented form', () => {
    const loaded = problemsOf(EVERYTHING);
    // vars.max, vars.min, vars.wait, vars.total and vars.interval are not declared: only those may be reported.
    assert.ok(
      loaded.diagnostics.every((d) => d.code === 'unknown-var'),
      loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.text)).join('\n'),
    );
    assert.deepEqual(
      loaded.diagnostics.map((d) => d.message.match(/\$\{vars\.(\w+)\}/)?.[1]),
      ['max', 'min', 'wait', 'total', 'interval'],
    );
  });

  const faults: [string, string, string[]][] = [
    ['an unknown step kind', '      - reqest: { path: /x }', [`unknown-step-kind ${STEP_LINE}:9`]],
    [
      'an unknown key beside an action',
      '      - request: { path: /x }\n        expcet: {}',
      [`unknown-property ${STEP_LINE + 1}:9`],
    ],
    [
      'two actions',
      '      - sleep: 1\n        request: { path: /x }',
      [`multiple-step-actions ${STEP_LINE + 1}:9`],
    ],
    ['no action', '      - name: nothing', [`missing-step-action ${STEP_LINE}:9`]],
    [
      'expect on a sleep step',
      '      - sleep: 1\n        expect: { status: 200 }',
      [`step-key-not-allowed ${STEP_LINE + 1}:9`],
    ],
    [
      'with on a request step',
      '      - request: { path: /x }\n        with: { a: 1 }',
      [`step-key-not-allowed ${STEP_LINE + 1}:9`],
    ],
    ['json and text', '      - request: { path: /x, json: {}, text: t }', [`json-and-text ${STEP_LINE}:40`]],
    [
      'function without invoke',
      '      - request: { path: /x, function: f }',
      [`not-for-target ${STEP_LINE}:30`],
    ],
    [
      'path with invoke',
      '      - request: { target: invoke, function: f, path: /x }',
      [`not-for-target ${STEP_LINE}:49`],
    ],
    ['invoke without function', '      - request: { target: invoke }', [`missing-property ${STEP_LINE}:9`]],
    [
      'an unknown target',
      '      - request: { target: gatway, path: /x }',
      [`not-allowed-value ${STEP_LINE}:28`],
    ],
    ['a bad timeout', '      - request: { path: /x, timeout: soon }', [`bad-format ${STEP_LINE}:39`]],
    ['a sleep of text', '      - sleep: long', [`bad-format ${STEP_LINE}:16`]],
    ['an unknown operator', '      - assert: [{ value: 1, equal: 1 }]', [`unknown-operator ${STEP_LINE}:30`]],
    ['no operator', '      - assert: [{ value: 1, any: true }]', [`missing-operator ${STEP_LINE}:18`]],
    [
      'two subjects',
      '      - assert: [{ value: 1, path: $.a, exists: true }]',
      [`several-subjects ${STEP_LINE}:30`],
    ],
    [
      'three subjects',
      '      - assert: [{ body: raw, header: h, path: $.a, exists: true }]',
      [`several-subjects ${STEP_LINE}:31`],
    ],
    [
      'an unknown operator deep in any_of',
      '      - assert: [{ any_of: [[{ path: $.a, exits: true }]] }]',
      [`unknown-operator ${STEP_LINE}:43`],
    ],
    [
      'a poll without a limit',
      '      - request: { path: /x }\n        poll: { interval: 1 }',
      [`missing-property ${STEP_LINE + 1}:15`],
    ],
    [
      'a capture with path and header',
      '      - request: { path: /x }\n        capture: { a: { path: $.a, header: h } }',
      [`conflicting-properties ${STEP_LINE + 1}:36`],
    ],
    [
      'a status out of range',
      '      - request: { path: /x }\n        expect: { status: 99 }',
      [`out-of-range ${STEP_LINE + 1}:27`],
    ],
    ['a loop without count', '      - loop: { steps: [{ sleep: 1 }] }', [`missing-property ${STEP_LINE}:9`]],
    [
      'a fault inside a loop',
      '      - loop: { count: 2, steps: [{ slep: 1 }] }',
      [`unknown-step-kind ${STEP_LINE}:37`],
    ],
  ];
  for (const [what, step, expected] of faults) {
    it(`reports ${what} once, at its place`, () => {
      const loaded = oneStep(step);
      assert.deepEqual(
        loaded.found,
        expected,
        loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.text)).join('\n'),
      );
      for (const d of loaded.diagnostics) {
        assert.deepEqual(d.caseIds, ['ABC-001']);
        assert.ok(d.fix.length > 0);
      }
    });
  }

  it('suggests the step kind and the operator meant', () => {
    assert.match(
      oneStep('      - reqest: { path: /x }').diagnostics[0]?.message ?? '',
      /did you mean 'request'\?/,
    );
    assert.match(
      oneStep('      - assert: [{ value: 1, equal: 1 }]').diagnostics[0]?.message ?? '',
      /unknown assertion operator 'equal'.*did you mean 'equals'\?/,
    );
  });

  // steps is optional while the catalogue gains its steps; requiring it is one word in the schema's case.required.
  it('treats a case without steps as the schema says: no steps while optional, an error once required', () => {
    const schema = JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')) as {
      $defs: { case: { required: string[] } };
    };
    const loaded = problemsOf('    id: ABC-001\n');
    if (schema.$defs.case.required.includes('steps')) {
      assert.deepEqual(loaded.found, ['missing-property 3:5']);
      assert.match(loaded.diagnostics[0]?.message ?? '', /lacks the required property 'steps'/);
      assert.match(loaded.diagnostics[0]?.fix ?? '', /docs\/catalogue-steps\.md/);
    } else {
      assert.deepEqual(loaded.found, []);
      assert.deepEqual(loaded.cases[0]?.execution.steps, []);
    }
  });
});

describe('catalogue schema: descriptions for editors', () => {
  it('describes every definition and every property (directly or through the definition it refers to)', () => {
    type Schema = { description?: string; $ref?: string; properties?: Record<string, Schema | boolean> };
    const schema = JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')) as {
      $defs: Record<string, Schema>;
    };
    const described = (s: Schema): boolean =>
      s.description !== undefined ||
      (s.$ref !== undefined && schema.$defs[s.$ref.replace('#/$defs/', '')]?.description !== undefined);
    const missing: string[] = [];
    for (const [name, def] of Object.entries(schema.$defs)) {
      if (!described(def)) missing.push(name);
      for (const [key, property] of Object.entries(def.properties ?? {}))
        if (typeof property === 'object' && !described(property)) missing.push(`${name}.${key}`);
    }
    assert.deepEqual(missing, []);
  });
});
