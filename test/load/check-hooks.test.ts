import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { HookTable } from '../../runner/load/check-hooks.ts';
import { schemaPath } from '../../runner/load/schema-check.ts';
import { BODY_LINE, loadCase, where } from './load-case-text.ts';

/** A table of our own, so that these tests do not depend on which hooks exist. */
const TABLE: HookTable = {
  wait_for: {
    name: 'wait_for',
    withSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['service'],
      properties: {
        service: { type: 'string', enum: ['gateway', 'agent'], description: 'compose service' },
        seconds: { type: 'number', minimum: 0 },
      },
    },
  },
  no_args: { name: 'no_args', withSchema: { type: 'object', additionalProperties: false, properties: {} } },
};

const STEP_LINE = BODY_LINE + 2;

function hookStep(step: string, table: HookTable = TABLE) {
  return loadCase(`    id: ABC-001\n    steps:\n${step}\n`, table);
}

describe('hook steps', () => {
  it('accept a known hook whose with meets its schema, with or without with', () => {
    const loaded = hookStep(
      '      - hook: wait_for\n        with: { service: agent, seconds: 2 }\n      - hook: no_args',
    );
    assert.deepEqual(where(loaded.diagnostics), []);
    assert.deepEqual(loaded.cases[0]?.execution.steps, [
      { hook: 'wait_for', with: { service: 'agent', seconds: 2 } },
      { hook: 'no_args' },
    ]);
  });

  it('name an unknown hook at its value, listing the known ones and the closest', () => {
    const loaded = hookStep('      - hook: wait_fro');
    assert.deepEqual(where(loaded.diagnostics), [`unknown-hook ${STEP_LINE}:15`]);
    const [d] = loaded.diagnostics;
    assert.match(d?.message ?? '', /unknown hook 'wait_fro'\. did you mean 'wait_for'\?/);
    assert.match(d?.fix ?? '', /wait_for, no_args/);
    assert.deepEqual(d?.caseIds, ['ABC-001']);
  });

  it('check with against the hook schema, each problem at its own place', () => {
    const loaded = hookStep(
      '      - hook: wait_for\n        with: { service: agnet, seconds: -1, extra: 1 }',
    );
    assert.deepEqual(where(loaded.diagnostics), [
      `bad-hook-with ${STEP_LINE + 1}:26`,
      `bad-hook-with ${STEP_LINE + 1}:42`,
      `bad-hook-with ${STEP_LINE + 1}:46`,
    ]);
    const messages = loaded.diagnostics.map((d) => d.message);
    assert.ok(messages.every((m) => m.startsWith('hook wait_for: ')));
    assert.match(messages[0] ?? '', /did you mean 'agent'\?/);
    assert.match(messages[2] ?? '', /unknown property 'extra'/);
  });

  it('report a missing with as the missing argument', () => {
    const loaded = hookStep('      - hook: wait_for');
    assert.deepEqual(where(loaded.diagnostics), [`bad-hook-with ${STEP_LINE}:9`]);
    assert.match(loaded.diagnostics[0]?.message ?? '', /the step has no with.*'service'/);
    assert.match(loaded.diagnostics[0]?.fix ?? '', /add 'service:' — compose service/);
  });

  it('check hooks inside parallel and loop steps too', () => {
    const loaded = hookStep('      - loop:\n          count: 2\n          steps:\n            - hook: nope');
    assert.deepEqual(where(loaded.diagnostics), [`unknown-hook ${STEP_LINE + 3}:21`]);
  });

  it('use hooks/hook-table.ts by default, whose schemas compile under strict mode', () => {
    for (const name of Object.keys(HOOK_TABLE)) {
      const loaded = loadCase(
        `    id: ABC-001\n    steps:\n      - hook: ${name}\n        with: { no_such_argument: 1 }\n`,
      );
      assert.ok(loaded.diagnostics.length > 0, name);
      assert.ok(
        loaded.diagnostics.every((d) => d.code === 'bad-hook-with'),
        loaded.diagnostics.map((d) => d.message).join('\n'),
      );
    }
  });

  it('are described in the schema with the name of every registered hook, for editors', () => {
    const schema = JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')) as {
      $defs: { step: { properties: { hook: { description: string } } } };
    };
    const description = schema.$defs.step.properties.hook.description;
    for (const name of Object.keys(HOOK_TABLE))
      assert.ok(description.includes(name), `${name} in: ${description}`);
  });
});
