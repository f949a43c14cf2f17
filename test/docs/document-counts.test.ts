import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderScenarios } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { SEED_PROJECT } from '../catalogue/seed-project.ts';
import { assertDocumentCountsFollowCatalogue } from './document-counts.ts';

describe('the document count check', () => {
  const seed = loadCatalogue(SEED_PROJECT);
  const document = renderScenarios(seed);

  it('accepts the seed-era document', () => {
    assertDocumentCountsFollowCatalogue(seed, document);
  });

  it('notices a wrong summary count, a wrong total, a lost case row and a wrong mark', () => {
    const broken = [
      document.replace('| smoke | `smoke` | 10 |', '| smoke | `smoke` | 11 |'),
      document.replace('| **合計** |  | **53** |', '| **合計** |  | **54** |'),
      document.replace(/^\| `catalog\/restart\/test_restart\.yaml` .*\n/m, ''),
      document.replace(
        /^(\| `catalog\/runtime\/java\/test_echo\.yaml` \|[^\n]*?)\| ✅ \| ❌ \|/m,
        '$1| ✅ | ✅ |',
      ),
      document.replace(/^- <a id="desc-restart-[^"]*"><\/a>.*$/m, '-'),
    ];
    for (const [i, text] of broken.entries()) {
      assert.notEqual(text, document, `change ${i} applies`);
      assert.throws(() => assertDocumentCountsFollowCatalogue(seed, text), `change ${i}`);
    }
  });
});
