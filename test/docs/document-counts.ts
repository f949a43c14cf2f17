import assert from 'node:assert/strict';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { expectedCoverage } from '../catalogue/expected-coverage.ts';

/** The cells of a markdown table row, without the outer pipes. */
const cells = (row: string) => row.slice(2, -2).split(' | ');

/**
 * The counts a coverage document shows are the catalogue's, derived here from the catalogue files and the
 * matrix file rather than from the renderer: a case row per expanded case, a ✅ per environment that runs
 * it, one detail entry per anchor, each scenario's summary count, and the total.
 */
export function assertDocumentCountsFollowCatalogue(catalogue: Catalogue, document: string): void {
  const lines = document.split('\n');
  const expected = expectedCoverage(catalogue.root, catalogue.files);

  const perScenario = new Map<string, number>();
  for (const f of catalogue.files)
    perScenario.set(f.scenario, (perScenario.get(f.scenario) ?? 0) + f.cases.length);
  for (const [scenario, count] of perScenario) {
    const row = lines.find((l) => l.startsWith(`| ${scenario} | `));
    assert.ok(row, `no summary row for ${scenario}`);
    assert.equal(cells(row)[2], String(count), row);
  }
  const total = lines.find((l) => l.startsWith('| **合計** |'));
  assert.equal(total && cells(total)[2], `**${expected.cases}**`);

  const caseRows = lines.filter((l) => l.startsWith('| `catalog/'));
  // A file whose ESB module was renamed shows the module after it: `catalog/…/test_echo.yaml`（`test_echo_java.py`）.
  const ofFile = (row: string, file: string) =>
    row.startsWith(`| \`${file}\` |`) || row.startsWith(`| \`${file}\`（`);
  for (const f of catalogue.files)
    assert.equal(caseRows.filter((l) => ofFile(l, f.file)).length, f.cases.length, f.file);
  assert.equal(caseRows.length, expected.cases);

  const columns = cells(
    lines.find((l) => l.startsWith('| テストファイル |')) ?? assert.fail('no case table'),
  );
  for (const [i, env] of catalogue.matrix.environments.entries()) {
    const marks = caseRows.filter((l) => cells(l)[4 + i] === '✅').length;
    assert.equal(marks, expected.perEnv.get(env.name), `✅ in the ${columns[4 + i]} column`);
  }

  const anchors = new Set(catalogue.files.flatMap((f) => f.cases.map((c) => c.anchor)));
  assert.equal(lines.filter((l) => l.startsWith('- <a id="')).length, anchors.size);
  for (const anchor of anchors)
    assert.ok(
      lines.some((l) => l.startsWith(`- <a id="${anchor}"></a>`)),
      `no detail entry for ${anchor}`,
    );
}
