import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScope } from '../../language/eval/scope.ts';
import { FIXED_SCOPE_MEMBERS } from '../../language/eval/scope-names.ts';
import { formatDiagnostic } from '../../runner/load/diagnostic.ts';
import { BODY_LINE, loadCase, where } from './load-case-text.ts';

function check(body: string) {
  const loaded = loadCase(body);
  return {
    ...loaded,
    found: where(loaded.diagnostics),
    shown: loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.text)).join('\n'),
  };
}

const MATRIX = '    matrix: { runtime: [python, java] }\n    id: { python: ABC-001, java: ABC-002 }\n';

describe('templates checked at load time', () => {
  it('accept references that resolve: vars in order, earlier captures, index inside repeats', () => {
    const loaded = check(`${MATRIX}    vars:
      a: x-\${random.hex(8)}
      b: \${vars.a}-\${matrix.runtime}
    skip_if:
      - { when: '\${settings.idle_timeout_seconds > 120 && matrix.runtime == "java"}', reason: r }
    steps:
      - request: { path: "/api/\${vars.b}" }
        capture: { id: $.id }
      - parallel:
          count: "\${vars.id == 'x' ? 1 : 2}"
          steps:
            - request: { path: "/a/\${vars.id}/\${index}" }
              capture: { inner: $.inner }
            - loop:
                count: \${index + 1}
                steps: [{ sleep: '\${index * 0.1}' }]
      - assert: [{ value: '\${vars.inner}', exists: true }, { value: '\${auth.token}', exists: true }]
`);
    assert.deepEqual(loaded.found, [], loaded.shown);
  });

  it('do not substitute matrix values into steps: each expansion keeps the template for run time', () => {
    const loaded = check(`${MATRIX}    steps:\n      - request: { path: "/api/\${matrix.runtime}" }\n`);
    assert.deepEqual(
      loaded.cases.map((c) => [c.name, (c.execution.steps[0] as { request: { path: string } }).request.path]),
      [
        ['test_a[python]', '/api/${matrix.runtime}'],
        ['test_a[java]', '/api/${matrix.runtime}'],
      ],
    );
  });

  it('point at the fault inside a plain, a single-quoted and a double-quoted scalar', () => {
    const line = BODY_LINE + 2;
    const plain = check(`    id: ABC-001\n    steps:\n      - sleep: \${1 +* 2}\n`);
    assert.deepEqual(plain.found, [`template-syntax ${line}:21`], plain.shown);
    const single = check(`    id: ABC-001\n    steps:\n      - request: { path: '/it''s/\${vars.nope}' }\n`);
    assert.deepEqual(single.found, [`unknown-var ${line}:36`], single.shown);
    const double = check(`    id: ABC-001\n    steps:\n      - request: { path: "/\\t\\u00e9/\${index}" }\n`);
    assert.deepEqual(double.found, [`index-outside-repeat ${line}:39`], double.shown);
    assert.equal(double.diagnostics[0]?.span, 5);
  });

  it('point at the start of a block scalar, whose lines the folding moves', () => {
    const loaded = check(
      `    id: ABC-001\n    steps:\n      - request:\n          path: >-\n            /a/\${vars.x}\n`,
    );
    assert.deepEqual(loaded.found, [`unknown-var ${BODY_LINE + 3}:17`], loaded.shown);
  });

  it('report a syntax error once per declaration, not once per expansion', () => {
    const loaded = check(`${MATRIX}    steps:\n      - sleep: \${(1}\n`);
    assert.equal(loaded.found.length, 1, loaded.shown);
    assert.equal(loaded.diagnostics[0]?.code, 'template-syntax');
    assert.deepEqual(loaded.diagnostics[0]?.caseIds, ['ABC-001', 'ABC-002']);
  });

  it('refuse a scope that does not exist', () => {
    const loaded = check(`    id: ABC-001\n    steps:\n      - sleep: \${setings.x}\n`);
    assert.deepEqual(loaded.found, [`template-syntax ${BODY_LINE + 2}:18`], loaded.shown);
  });

  it('name a missing matrix key with the closest one, and a case without matrix as such', () => {
    const typo = check(`${MATRIX}    steps:\n      - request: { path: "/\${matrix.runtim}" }\n`);
    assert.deepEqual(typo.found, [`unknown-matrix-key ${BODY_LINE + 3}:30`], typo.shown);
    assert.match(typo.diagnostics[0]?.message ?? '', /did you mean 'runtime'\?/);
    const none = check(`    id: ABC-001\n    vars: { a: '\${matrix.runtime}' }\n    steps: [{ sleep: 1 }]\n`);
    assert.deepEqual(none.found, [`unknown-matrix-key ${BODY_LINE + 1}:19`], none.shown);
    assert.match(none.diagnostics[0]?.fix ?? '', /has no matrix/);
  });

  it('tell a typo from a use before the declaration', () => {
    const typo = check(
      `    id: ABC-001\n    steps:\n      - request: { path: /x }\n        capture: { item_id: $.id }\n      - sleep: \${vars.itme_id}\n`,
    );
    assert.deepEqual(typo.found, [`unknown-var ${BODY_LINE + 4}:18`], typo.shown);
    assert.match(
      typo.diagnostics[0]?.message ?? '',
      /unknown variable \$\{vars\.itme_id\}\. did you mean 'item_id'\?/,
    );
    assert.match(typo.diagnostics[0]?.fix ?? '', /declared so far: item_id/);

    const early = check(
      `    id: ABC-001\n    vars: { a: '\${vars.b}', b: '1' }\n    steps:\n      - sleep: \${vars.c}\n      - request: { path: /x }\n        capture: { c: $.c }\n`,
    );
    assert.deepEqual(early.found, [`unknown-var ${BODY_LINE + 1}:19`, `unknown-var ${BODY_LINE + 3}:18`]);
    assert.match(
      early.diagnostics[0]?.message ?? '',
      /\$\{vars\.b\} is used before it is declared \(at line 10\)/,
    );
    assert.match(
      early.diagnostics[1]?.message ?? '',
      /\$\{vars\.c\} is used before it is declared \(at line 14\)/,
    );
  });

  it('refuse a step that reads its own capture', () => {
    const loaded = check(
      `    id: ABC-001\n    steps:\n      - request: { path: "/\${vars.id}" }\n        capture: { id: $.id }\n`,
    );
    assert.deepEqual(loaded.found, [`unknown-var ${BODY_LINE + 2}:30`], loaded.shown);
  });

  it('refuse vars in skip_if, which runs before vars and steps', () => {
    const loaded = check(
      `    id: ABC-001\n    vars: { a: 1 }\n    skip_if: [{ when: '\${vars.a == 1}', reason: r }]\n    steps: [{ sleep: 1 }]\n`,
    );
    assert.deepEqual(loaded.found, [`unknown-var ${BODY_LINE + 2}:26`], loaded.shown);
    assert.match(loaded.diagnostics[0]?.message ?? '', /skip_if is checked before vars/);
  });

  it('allow ${index} only in the steps of a parallel or loop, not in its own count', () => {
    const loaded = check(
      `    id: ABC-001\n    steps:\n      - loop:\n          count: \${index}\n          steps: [{ sleep: '\${index}' }]\n      - sleep: \${index}\n`,
    );
    assert.deepEqual(
      loaded.found,
      [`index-outside-repeat ${BODY_LINE + 3}:20`, `index-outside-repeat ${BODY_LINE + 5}:18`],
      loaded.shown,
    );
  });

  it('refuse ${auth.token} when the case does not log in', () => {
    const loaded = check(
      `    id: ABC-001\n    fixture: health\n    steps:\n      - assert: [{ value: '\${auth.token}', exists: true }]\n`,
    );
    assert.deepEqual(loaded.found, [`token-without-login ${BODY_LINE + 3}:30`], loaded.shown);
  });

  it('check templates in every part of a step: name, when, headers, expect, capture, hook with', () => {
    const loaded = check(`    id: ABC-001
    steps:
      - name: 'n \${vars.n1}'
        when: \${vars.n2}
        request: { path: /x, headers: { H: '\${vars.n3}' }, json: { deep: ['\${vars.n4}'] } }
        expect: { assert: [{ value: '\${vars.n5}', exists: true }] }
        capture: { c: { header: '\${vars.n6}' } }
      - hook: inspect_service
        with: { service: '\${vars.n7}' }
`);
    assert.deepEqual(
      loaded.diagnostics.map((d) => d.message.match(/vars\.(\w+)/)?.[1]),
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'],
      loaded.shown,
    );
  });
});

describe('members of the fixed scopes', () => {
  it('every listed member resolves at run time, so the load-time list is the run-time one', () => {
    const scope = createScope({
      matrix: {},
      env: {},
      settings: {},
      vars: {},
      auth: { token: 't' },
      caseStart: new Date(0),
      esb: {
        revision: { name: 'r2', commit: 'abcdef0', description: 'second' },
        revisions: [
          { name: 'r1', commit: '1234567', description: 'first' },
          { name: 'r2', commit: 'abcdef0', description: 'second' },
        ],
        defaultName: 'r1',
      },
    });
    for (const [root, members] of Object.entries(FIXED_SCOPE_MEMBERS)) {
      for (const member of members)
        assert.doesNotThrow(() => scope.lookup(`${root}.${member}`), `${root}.${member}`);
      assert.throws(() => scope.lookup(`${root}.no_such_member`), `${root}.no_such_member`);
    }
  });

  it('an unknown member, a setting that does not exist and random.hex past its limit are load errors', () => {
    const loaded = check(
      "    id: ABC-001\n    steps:\n      - assert: [{ value: '${time.now}', exists: true }, { value: '${settings.idle_timeout}', exists: true }, { value: '${random.hex(4096)}', exists: true }]\n",
    );
    assert.deepEqual(
      loaded.diagnostics.map((d) => d.code),
      ['unknown-reference', 'unknown-setting', 'bad-argument'],
      loaded.shown,
    );
  });
});
