import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { schemaPath } from '../../runner/load/schema-check.ts';
import { STEP_LIMITS } from '../../runner/load/step-limits.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const SCHEMAS = ['catalog-file', 'categories', 'test-matrix'] as const;

/** Every schema object below `node`, with a readable path. */
function* objectsIn(node: unknown, path = '#'): Generator<[Record<string, unknown>, string]> {
  if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* objectsIn(item, `${path}/${i}`);
  else if (node !== null && typeof node === 'object') {
    yield [node as Record<string, unknown>, path];
    for (const [key, value] of Object.entries(node)) yield* objectsIn(value, `${path}/${key}`);
  }
}

describe('schema wording', () => {
  for (const name of SCHEMAS) {
    it(`${name}: every pattern is described in words (diagnostics show the description, never the regex)`, () => {
      const schema: unknown = JSON.parse(readFileSync(schemaPath(name), 'utf8'));
      for (const [object, path] of objectsIn(schema)) {
        if (typeof object.pattern !== 'string') continue;
        assert.equal(typeof object.description, 'string', `${path} has a pattern but no description`);
      }
    });
  }

  it('every limit of the step format is documented with its numbers in docs/catalogue-steps.md', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'catalogue-steps.md'), 'utf8');
    const limits = docs.slice(docs.indexOf('## Limits'), docs.indexOf('## Concurrency'));
    assert.ok(limits.length > 0, 'docs/catalogue-steps.md has a Limits section');
    for (const [name, limit] of Object.entries(STEP_LIMITS)) {
      assert.ok(limits.includes(`\`${name}\``), `the Limits section names $defs ${name}`);
      const range = limit.minExclusive
        ? `more than ${limit.min} and at most ${limit.max}`
        : `${limit.min} to ${limit.max}`;
      assert.ok(limits.includes(range), `${name}: the Limits section states ${range}`);
    }
  });

  it('the limits read from the schema are the documented ones', () => {
    assert.equal(STEP_LIMITS.durationSeconds.words, 'a number from 0 to 86400');
    assert.equal(STEP_LIMITS.timeoutSeconds.words, 'a number more than 0 and at most 86400');
    assert.equal(STEP_LIMITS.retryAttempts.words, 'a whole number from 1 to 100');
    assert.equal(STEP_LIMITS.pollAttempts.words, 'a whole number from 1 to 10000');
    assert.equal(STEP_LIMITS.parallelCount.words, 'a whole number from 1 to 1000');
    assert.equal(STEP_LIMITS.loopCount.words, 'a whole number from 1 to 10000');
    // Node timers overflow past 2^31-1 ms: no duration may reach it.
    assert.ok(STEP_LIMITS.durationSeconds.max * 1000 < 2 ** 31 - 1);
    assert.ok(STEP_LIMITS.timeoutSeconds.max * 1000 < 2 ** 31 - 1);
  });
});
