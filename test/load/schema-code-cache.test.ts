import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import { schemaPath } from '../../runner/load/schema-check.ts';
import { cachedValidator } from '../../runner/load/schema-code-cache.ts';

const OPTIONS = { strict: true, allErrors: true, verbose: true, code: { source: true } } as const;
const fresh = () => new Ajv2020Module.default(OPTIONS);

/** Documents the catalogue file schema rejects, each for other reasons. */
const INVALID: unknown[] = [
  {},
  { cases: 'none' },
  { cases: [{}] },
  { cases: [{ test: 'test_x', id: 'bad id', anchor: 1, steps: [{ request: 5 }, { sleep: 'soon' }] }] },
  {
    cases: [
      {
        test: 'test_x',
        id: 'ABC-001',
        steps: [{ request: { path: '/x' }, expect: { status: 'ok', assert: [{}] } }],
      },
    ],
    extra: true,
  },
];

describe('compiled schema validators kept as code (runner/load/schema-code-cache.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-schema-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(schemaPath('catalog-file'), 'utf8');

  test('compiles once, then loads the code; both report the same errors, item by item', () => {
    const cache = join(dir, 'cache');
    const compiled = cachedValidator(fresh(), OPTIONS, text, cache);
    const files = readdirSync(cache);
    assert.equal(files.length, 1, 'one module per schema');
    assert.match(files[0] as string, /^schema-[0-9a-f]{16}\.cjs$/);
    const loaded = cachedValidator(fresh(), OPTIONS, text, cache);
    // The second is the module written by the first, not a compile of its own.
    assert.equal(createRequire(import.meta.url).cache[join(cache, files[0] as string)]?.exports, loaded);
    assert.notEqual(loaded, compiled);
    for (const document of INVALID) {
      assert.equal(compiled(document), false);
      assert.equal(loaded(document), false);
      assert.deepEqual(loaded.errors, compiled.errors, JSON.stringify(document));
    }
    const valid = { cases: [] };
    assert.equal(loaded(valid), compiled(valid));
  });

  test('another schema text or other options are another module; modules a day old go when one is written', () => {
    const cache = join(dir, 'keys');
    mkdirSync(cache);
    const old = join(cache, 'schema-0000000000000000.cjs');
    writeFileSync(old, 'module.exports = () => true;');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    cachedValidator(fresh(), OPTIONS, text, cache);
    assert.ok(!existsSync(old));
    cachedValidator(fresh(), OPTIONS, readFileSync(schemaPath('categories'), 'utf8'), cache);
    const other = { ...OPTIONS, allErrors: false };
    cachedValidator(new Ajv2020Module.default(other), other, text, cache);
    assert.equal(readdirSync(cache).length, 3);
  });

  test('a cache that cannot be written: the compiled validator, nothing left behind', () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const validate = cachedValidator(fresh(), OPTIONS, text, join(blocked, 'cache'));
    assert.equal(validate({}), false);
    assert.ok(!existsSync(join(blocked, 'cache')));
  });
});
