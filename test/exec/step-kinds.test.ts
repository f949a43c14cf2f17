import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import { STEP_KINDS } from '../../language/model/steps.ts';
import { STEP_KIND_LIST, STEP_TABLE } from '../../runner/exec/step-table.ts';
import { loadCatalogueFile } from '../../runner/load/load-catalog-file.ts';
import { schemaPath } from '../../runner/load/schema-check.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

// ajv ships CommonJS; under NodeNext its class arrives as the module's default property.
const Ajv2020 = Ajv2020Module.default;

/** A catalogue file whose one case runs `step`, logged in so that `${auth.token}` is defined. */
const catalogueWith = (step: unknown) => ({
  cases: [
    {
      test: 'test_step_kind',
      id: 'SKD-001',
      anchor: 'desc-step-kind',
      category: '制御系',
      fixture: 'auth',
      doc: { guarantee: 'g', input: 'i', pass_criteria: 'p', failure_hint: 'f' },
      steps: [step],
    },
  ],
});

describe('step kinds: each one file in runner/exec/step-table.ts that says what it is', () => {
  it('lists every kind of the model once, under its own action key, in the model order', () => {
    assert.deepEqual(Object.keys(STEP_TABLE), [...STEP_KINDS]);
    assert.deepEqual(
      STEP_KIND_LIST.map((k) => k.name),
      [...STEP_KINDS],
    );
  });

  for (const kind of STEP_KIND_LIST) {
    it(`${kind.name}: a one-line doc, its action key first among its properties, at least one example`, () => {
      assert.ok(kind.doc.length > 0 && !kind.doc.includes('\n'), `${kind.name}: one-line doc`);
      assert.equal(Object.keys(kind.properties)[0], kind.name);
      assert.ok(kind.examples.length > 0, `${kind.name}: add an example`);
      for (const example of kind.examples)
        assert.ok(Object.hasOwn(example, kind.name), JSON.stringify(example));
    });
  }

  describe('examples against the generated schema and the loader', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
      JSON.parse(readFileSync(schemaPath('catalog-file'), 'utf8')),
    );
    for (const kind of STEP_KIND_LIST) {
      for (const [i, example] of kind.examples.entries()) {
        it(`${kind.name} example ${i}: valid, and loads without a diagnostic`, () => {
          assert.ok(validate(catalogueWith(example)), JSON.stringify(validate.errors));
          const text = `# yaml-language-server: $schema=../../schema/catalog-file.schema.json\n${JSON.stringify(catalogueWith(example), null, 2)}\n`;
          const { diagnostics } = loadCatalogueFile(REPO_ROOT, 'catalog/smoke/test_step_kind.yaml', text);
          assert.deepEqual(
            diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`),
            [],
          );
        });
      }
      it(`${kind.name}: ${kind.observes ? 'takes' : 'refuses'} expect, and takes no key of another kind`, () => {
        const [example] = kind.examples;
        const withExpect = { ...example, expect: { status: 200 } };
        assert.equal(validate(catalogueWith(withExpect)), kind.observes, JSON.stringify(validate.errors));
        for (const other of STEP_KIND_LIST)
          for (const key of Object.keys(other.properties).slice(1))
            if (other !== kind)
              assert.ok(!validate(catalogueWith({ ...example, [key]: {} })), `${kind.name} with ${key}`);
      });
    }
  });
});
