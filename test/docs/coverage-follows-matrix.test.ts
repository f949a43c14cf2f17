import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderScenarios } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue, MATRIX_FILE } from '../../runner/load/load-catalogue.ts';
import { SEED_PROJECT } from '../catalogue/seed-project.ts';
import { copyProject } from '../helpers/project-copy.ts';

/**
 * Renders the document of a copy of the seed-era catalogue whose matrix went through `edit`. The seed era is
 * frozen, so the rows below can be spelled out; the live catalogue's counts are checked where they are derived.
 */
function renderWithMatrix(edit: (matrix: string) => string): string[] {
  const project = copyProject(SEED_PROJECT);
  try {
    const path = join(project.root, MATRIX_FILE);
    const edited = edit(readFileSync(path, 'utf8'));
    writeFileSync(path, edited);
    return renderScenarios(loadCatalogue(project.root)).split('\n');
  } finally {
    project.cleanup();
  }
}

const row = (lines: string[], start: string) =>
  lines.find((l) => l.startsWith(start)) ?? assert.fail(`no row ${start}`);
const original = renderWithMatrix((m) => m);

describe('marks and remarks follow the matrix', () => {
  it('shows the runtime suite as docker-only in the seed-era matrix', () => {
    assert.equal(
      row(original, '| runtime/java |'),
      '| runtime/java | `runtime` | 3 | ✅ | ❌ | 現在の matrix では `e2e-docker` のみ |',
    );
    assert.ok(
      row(original, '| `catalog/runtime/python/test_echo.yaml` |').endsWith(
        '| ✅ | ❌ | `runtime` suite は containerd に未割り当て |',
      ),
    );
  });

  it('turns runtime/java and runtime/python to ✅/✅ and drops their remarks once containerd runs the runtime suite', () => {
    const lines = renderWithMatrix((m) =>
      m.replace(
        'e2e-containerd:\n    suites: [smoke, standard]',
        'e2e-containerd:\n    suites: [smoke, standard, runtime]',
      ),
    );
    assert.equal(
      row(lines, '| runtime/java |'),
      '| runtime/java | `runtime` | 3 | ✅ | ✅ | `../catalog/runtime/java/` 経由で実行 |',
    );
    assert.equal(
      row(lines, '| runtime/python |'),
      '| runtime/python | `runtime` | 3 | ✅ | ✅ | `../catalog/runtime/python/` 経由で実行 |',
    );
    for (const file of [
      'java/test_echo',
      'java/test_observability',
      'python/test_echo',
      'python/test_observability',
    ]) {
      for (const line of lines.filter((l) => l.startsWith(`| \`catalog/runtime/${file}.yaml\``))) {
        assert.ok(line.endsWith('| ✅ | ✅ |  |'), line);
      }
    }
    assert.ok(!lines.some((l) => l.includes('`runtime` suite は containerd に未割り当て')));
    // The restart suite is untouched.
    assert.equal(
      row(lines, '| restart |'),
      '| restart | `restart` | 2 | ✅ | ❌ | 現在の matrix では `e2e-docker` のみ |',
    );
    assert.equal(lines.filter((l) => l.includes('`restart` suite は docker のみに割り当て')).length, 2);
  });

  it('counts follow the catalogue and the columns follow the environments', () => {
    const lines = renderWithMatrix((m) => `${m}  e2e-docker-lite:\n    mode: docker\n    suites: [smoke]\n`);
    assert.equal(
      row(lines, '| シナリオ |'),
      '| シナリオ | Suite割り当て | 展開後ケース数 | e2e-docker | Containerd | e2e-docker-lite | 備考 |',
    );
    assert.equal(
      row(lines, '| smoke |'),
      '| smoke | `smoke` | 10 | ✅ | ✅ | ✅ | `test_connectivity` 2件 + `test_smoke` 8件 |',
    );
    assert.equal(
      row(lines, '| autoscaling |'),
      '| autoscaling | `standard` | 6 | ✅ | ✅ | ❌ | 現在の matrix では `e2e-docker`、`e2e-containerd` のみ |',
    );
    assert.equal(row(lines, '| **合計** |'), '| **合計** |  | **53** |  |  |  |  |');
  });

  it('words the partial remark as the suite asks', () => {
    const lines = renderWithMatrix((m) => m.replace('partial_remark: only', 'partial_remark: unassigned'));
    assert.equal(lines.filter((l) => l.includes('`restart` suite は containerd に未割り当て')).length, 2);
  });
});
