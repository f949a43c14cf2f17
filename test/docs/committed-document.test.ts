import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderScenarios, SCENARIOS_DOC, scenariosDocument } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { assertDocumentCountsFollowCatalogue } from './document-counts.ts';

const byDefault = loadCatalogue(REPO_ROOT);
const revisions = byDefault.esb?.revisions.map((r) => r.name) ?? [];

// One document per ESB revision: docs/scenarios.md for the default, docs/scenarios-<revision>.md for the others.
for (const revision of revisions) {
  describe(`the committed document of ESB ${revision}`, () => {
    const catalogue = loadCatalogue(REPO_ROOT, { esb: revision });
    const document = scenariosDocument(catalogue);
    const rendered = renderScenarios(catalogue);

    it(`${document} is what the live catalogue and matrix generate (run npm run docs when this fails)`, () => {
      assert.equal(readFileSync(join(REPO_ROOT, document), 'utf8'), rendered);
    });

    it('shows the counts of the live catalogue and matrix', () => {
      assertDocumentCountsFollowCatalogue(catalogue, rendered);
    });
  });
}

describe('the documents of the revisions', () => {
  it("docs/scenarios.md is the default revision's; 2026-03-02 lists 55 cases with their marks", () => {
    assert.equal(scenariosDocument(byDefault), SCENARIOS_DOC);
    assert.deepEqual(revisions, ['2026-02-17', '2026-03-02']);
    const head = readFileSync(join(REPO_ROOT, 'docs/scenarios-2026-03-02.md'), 'utf8');
    assert.match(head, /^Where: docs\/scenarios-2026-03-02\.md$/m);
    assert.match(head, /\| \*\*合計\*\* \| {2}\| \*\*55\*\* \|/);
    assert.match(
      head,
      /\| `catalog\/smoke\/test_containerd_network_identity\.yaml` \| `test_containerd_cni_identity_and_nat_rules` \| \[SMK-011\]\(#desc-smoke-containerd-cni-identity-and-nat-rules\) \| 制御系 \| ✅ \| ✅ \| {2}\|/,
    );
    assert.match(
      head,
      /\| \[STD-030\]\(#desc-standard-s3-presign-get-uses-public-port\) \| 機能系 \| ✅ \| ✅ \|/,
    );
    assert.match(head, /`memory_max==536870912`/);
    assert.doesNotMatch(head, /boto3\.mock|aws\.logs|memory_max==134217728/);
  });
});
