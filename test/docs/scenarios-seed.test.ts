import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderScenarios } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { SEED_PROJECT } from '../catalogue/seed-project.ts';
import { readSeed, translateSeed } from './seed-document.ts';

// The seed-era catalogue, frozen as a fixture: the live catalogue may grow, the seed does not.
describe('the generator on the seed-era catalogue', () => {
  const seed = readSeed();
  const rendered = renderScenarios(loadCatalogue(SEED_PROJECT));

  it('reproduces the seed byte for byte once the allowed path changes are applied', () => {
    const { text, translated } = translateSeed(seed);
    // The Where line, and the seed's 59 paths: 2 scope entries, 53 case rows, 2 folder remarks, 2 references.
    assert.equal(translated, 60);
    assert.equal(rendered, text);
  });

  it('differs from the raw seed only on lines whose change is a path in backticks or the Where line', () => {
    const seedLines = seed.split('\n');
    const ourLines = rendered.split('\n');
    assert.equal(ourLines.length, seedLines.length);
    const strip = (line: string) =>
      line.replace(/`[^`]*(\/|\.py|\.yaml)[^`]*`/g, '`PATH`').replace(/^Where: .*/, 'Where:');
    for (const [i, line] of ourLines.entries())
      assert.equal(strip(line), strip(seedLines[i] ?? ''), `line ${i + 1}`);
  });
});
