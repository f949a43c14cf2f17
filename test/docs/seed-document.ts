import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import { sharedDir } from '../helpers/shared-dir.ts';

/** The reference document the generator must reproduce from the seed-era catalogue. */
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

/** The seed as ESB wrote it. */
export function readSeed(): string {
  return readFileSync(join(sharedDir(), SEED), 'utf8');
}

/** The seed with the allowed path changes applied, and how many it took. */
export function translateSeed(seed: string): { text: string; translated: number } {
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
