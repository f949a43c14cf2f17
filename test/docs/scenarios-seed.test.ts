import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderScenarios, SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { sharedDir } from '../helpers/shared-dir.ts';

const SEED = 'seeds/000_92cf0a58f484c965.txt';

/**
 * The only changes the document may make to the seed: its own location in the header comment, and the paths
 * in backticks, which name this project's matrix and catalogue instead of ESB's Python modules.
 */
const PATH_TRANSLATIONS: readonly [RegExp, string][] = [
  [/^Where: e2e\/docs\/scenarios\.md$/m, `Where: ${SCENARIOS_DOC}`],
  [/`e2e\/environments\/test_matrix\.yaml`/g, '`environments/test_matrix.yaml`'],
  [/`e2e\/scenarios\/\*\*\/test_\*\.py`/g, '`catalog/**/test_*.yaml`'],
  [/`e2e\/scenarios\/([a-z0-9/_]+)\.py`/g, '`catalog/$1.yaml`'],
  [/`e2e\/scenarios\/`/g, '`catalog/`'],
  [/`\.\.\/scenarios\/([a-z0-9/_]+\/)`/g, '`../catalog/$1`'],
];

function translateSeed(seed: string): { text: string; translated: number } {
  let translated = 0;
  let text = seed;
  for (const [pattern, replacement] of PATH_TRANSLATIONS) {
    text = text.replace(pattern, (...match) => {
      translated++;
      return match[0].replace(new RegExp(pattern.source), replacement);
    });
  }
  return { text, translated };
}

describe('docs/scenarios.md against the seed', () => {
  const seed = readFileSync(join(sharedDir(), SEED), 'utf8');
  const rendered = renderScenarios(loadCatalogue(REPO_ROOT));

  it('is byte-identical to the seed once the allowed path changes are applied', () => {
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

  it('is the committed document', () => {
    assert.equal(readFileSync(join(REPO_ROOT, SCENARIOS_DOC), 'utf8'), rendered);
  });
});
