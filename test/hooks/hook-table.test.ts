import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import { HOOK_LIST, HOOK_TABLE } from '../../hooks/hook-table.ts';
import type { JsonValue } from '../../language/model/steps.ts';
import { isHookArgumentsError } from '../../runner/load/hook-arguments-def.ts';
import { schemaPath } from '../../runner/load/schema-check.ts';

// ajv ships CommonJS; under NodeNext its class arrives as the module's default property.
const Ajv2020 = Ajv2020Module.default;

/** The hooks that only read: every other hook changes the platform, so a new hook is control-plane unless listed. */
const READ_ONLY = new Set(['s3_bucket_lifecycle']);

describe('hook table', () => {
  it('lists each hook once, under its own name, with a one-line description', () => {
    const names = HOOK_LIST.map((hook) => hook.name);
    assert.deepEqual(names, [...new Set(names)]);
    assert.deepEqual(Object.keys(HOOK_TABLE), names);
    for (const hook of HOOK_LIST) {
      assert.ok(
        hook.description.length > 0 && !hook.description.includes('\n'),
        `${hook.name}: one-line description`,
      );
    }
  });

  it('puts the Docker hooks in the control-plane scope and the lifecycle read in read-only', () => {
    for (const hook of HOOK_LIST)
      assert.equal(hook.scope, READ_ONLY.has(hook.name) ? 'read-only' : 'control-plane', hook.name);
  });

  for (const hook of HOOK_LIST) {
    it(`${hook.name}: withSchema compiles strictly and accepts exactly its keys`, () => {
      const validate = new Ajv2020({ strict: true, allErrors: true }).compile(hook.withSchema);
      const valid = hook.exampleWith;
      assert.ok(validate(valid), JSON.stringify(validate.errors));
      assert.ok(!validate({ ...valid, extra: 'x' }), 'an unknown key is rejected');
      for (const required of Object.keys(valid)) {
        const { [required]: _, ...missing } = valid;
        assert.ok(!validate(missing), `missing ${required} is rejected`);
        assert.ok(!validate({ ...valid, [required]: '' }), `empty ${required} is rejected`);
        assert.ok(!validate({ ...valid, [required]: 7 }), `a number as ${required} is rejected`);
      }
      // `with` values may be templates, rendered after the loader's check.
      assert.ok(validate(Object.fromEntries(Object.keys(valid).map((k) => [k, '${matrix.service}']))));
    });
  }

  describe('each example `with` against the generated catalogue schema', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')),
    );
    /** A catalogue file whose one case runs the hook step `step`. */
    const catalogueWith = (step: Record<string, JsonValue>) => ({
      cases: [
        {
          test: 'test_hook',
          id: 'HKS-001',
          anchor: 'desc-hook',
          category: '制御系',
          doc: { guarantee: 'g', input: 'i', pass_criteria: 'p', failure_hint: 'f' },
          steps: [step],
        },
      ],
    });

    for (const hook of HOOK_LIST) {
      it(`${hook.name}: its example validates, and an unknown key fails in its embedded with schema`, () => {
        assert.ok(
          validate(catalogueWith({ hook: hook.name, with: hook.exampleWith })),
          JSON.stringify(validate.errors),
        );
        assert.ok(!validate(catalogueWith({ hook: hook.name, with: { ...hook.exampleWith, extra: 'x' } })));
        assert.ok(
          validate.errors?.some(
            (e) => isHookArgumentsError(e.schemaPath) && e.keyword === 'additionalProperties',
          ),
          JSON.stringify(validate.errors),
        );
      });
    }
  });
});
