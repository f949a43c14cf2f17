import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { ENTRY_DIR, entryFileFor, entrySource } from '../../runner/node/entry-files.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const scenarios = [...new Set(loadCatalogue(REPO_ROOT).files.map((f) => f.scenario))];

describe('node:test entry files', () => {
  it('maps a scenario folder to e2e/<folder with dashes>.test.ts', () => {
    assert.equal(entryFileFor('smoke'), 'e2e/smoke.test.ts');
    assert.equal(entryFileFor('runtime/java'), 'e2e/runtime-java.test.ts');
  });

  it('exist for every scenario folder of catalog/, each one line calling registerScenario', () => {
    assert.ok(scenarios.length >= 6, scenarios.join(','));
    for (const scenario of scenarios) {
      const file = join(REPO_ROOT, entryFileFor(scenario));
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        assert.fail(`catalog/${scenario}/ has no entry file ${entryFileFor(scenario)}`);
      }
      assert.equal(text, entrySource(scenario), file);
    }
  });

  it('are only those: no entry file without its scenario folder', () => {
    const expected = scenarios.map((s) => entryFileFor(s)).sort();
    const present = readdirSync(join(REPO_ROOT, ENTRY_DIR))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `${ENTRY_DIR}/${f}`)
      .sort();
    assert.deepEqual(present, expected);
  });
});
