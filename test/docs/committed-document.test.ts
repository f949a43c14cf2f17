import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderScenarios, SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { assertDocumentCountsFollowCatalogue } from './document-counts.ts';

describe('the committed docs/scenarios.md', () => {
  const catalogue = loadCatalogue(REPO_ROOT);
  const rendered = renderScenarios(catalogue);

  it('is what the live catalogue and matrix generate (run npm run docs when this fails)', () => {
    assert.equal(readFileSync(join(REPO_ROOT, SCENARIOS_DOC), 'utf8'), rendered);
  });

  it('shows the counts of the live catalogue and matrix', () => {
    assertDocumentCountsFollowCatalogue(catalogue, rendered);
  });
});
