import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import { HOOK_TABLE } from '../../hooks/hook-table.ts';

// ajv ships CommonJS; under NodeNext its class arrives as the module's default property.
const Ajv2020 = Ajv2020Module.default;

const VALID_WITH: Record<string, Record<string, string>> = {
  inspect_service: { service: 'gateway' },
  restart_service: { service: 'agent' },
  crash_service: { service: 'agent', process: 'agent' },
  s3_bucket_lifecycle: { bucket: 'e2e-test-bucket' },
};

describe('hook table', () => {
  it('registers the four hooks of the catalogue, each under its own name', () => {
    assert.deepEqual(Object.keys(HOOK_TABLE).sort(), Object.keys(VALID_WITH).sort());
    for (const [key, hook] of Object.entries(HOOK_TABLE)) {
      assert.equal(hook.name, key);
      assert.ok(
        hook.description.length > 0 && !hook.description.includes('\n'),
        `${key}: one-line description`,
      );
    }
  });

  it('puts the Docker hooks in the control-plane scope and the lifecycle read in read-only', () => {
    const scopes = Object.fromEntries(Object.entries(HOOK_TABLE).map(([key, hook]) => [key, hook.scope]));
    assert.deepEqual(scopes, {
      inspect_service: 'control-plane',
      restart_service: 'control-plane',
      crash_service: 'control-plane',
      s3_bucket_lifecycle: 'read-only',
    });
  });

  for (const [key, hook] of Object.entries(HOOK_TABLE)) {
    it(`${key}: withSchema compiles strictly and accepts exactly its keys`, () => {
      const validate = new Ajv2020({ strict: true, allErrors: true }).compile(hook.withSchema);
      const valid = VALID_WITH[key] ?? assert.fail(`no example for ${key}`);
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
});
