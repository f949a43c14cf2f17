import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandedName, expandMatrix } from '../../runner/plan/expand-matrix.ts';

describe('expandMatrix', () => {
  it('expands a case without a matrix once, with an empty key', () => {
    assert.deepEqual(expandMatrix(undefined), [{ key: '', params: {} }]);
    assert.equal(expandedName('test_health', { key: '', params: {} }), 'test_health');
  });

  it('keeps the order of the values of one axis', () => {
    assert.deepEqual(
      expandMatrix({ runtime: ['python', 'java'] }).map((e) => e.key),
      ['python', 'java'],
    );
  });

  it('crosses several axes, the first outermost, joining keys with dashes as pytest does', () => {
    const expansions = expandMatrix({ runtime: ['python', 'java'], mode: ['sync', 'async'] });
    assert.deepEqual(
      expansions.map((e) => e.key),
      ['python-sync', 'python-async', 'java-sync', 'java-async'],
    );
    assert.deepEqual(expansions[3]?.params, { runtime: 'java', mode: 'async' });
    assert.equal(expandedName('test_echo', expansions[1] ?? assert.fail()), 'test_echo[python-async]');
  });
});
