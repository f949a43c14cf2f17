import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Catalogue, ExpandedCase } from '../../language/model/catalogue.ts';
import { readCatalogueSnapshot, writeCatalogueSnapshot } from '../../runner/load/catalogue-snapshot.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

/** The catalogue without its functions, as data to compare. */
const data = (catalogue: Catalogue) => JSON.parse(JSON.stringify(catalogue)) as unknown;

/** Data paths inside a case to ask positions of: its own, every step and a few keys in each, and some that do not exist. */
function pathsOf(c: ExpandedCase): (string | number)[][] {
  const at = [...c.site.path];
  const paths = [at, [...at, 'id'], [...at, 'steps'], [...at, 'doc', 'guarantee'], [...at, 'no-such-key', 3]];
  c.execution.steps.forEach((_, i) => {
    paths.push(
      [...at, 'steps', i],
      [...at, 'steps', i, 'request'],
      [...at, 'steps', i, 'expect', 'assert', 0],
    );
  });
  return paths;
}

describe('catalogue snapshot (runner/load/catalogue-snapshot.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-snapshot-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const loaded = loadCatalogue(REPO_ROOT);
  const path = join(dir, 'catalogue.json');
  writeCatalogueSnapshot(loaded, path);

  test('reads back the catalogue as loaded: the same data, and every position the loader gives', () => {
    const read = readCatalogueSnapshot(path, REPO_ROOT);
    assert.ok(read);
    assert.deepEqual(data(read), data(loaded));
    const byTitle = (list: readonly ExpandedCase[]) => new Map(list.map((c) => [`${c.id} ${c.name}`, c]));
    for (const [list, readList] of [
      [loaded.cases, read.cases],
      [loaded.files.flatMap((f) => f.cases), read.files.flatMap((f) => f.cases)],
    ] as const) {
      const readCases = byTitle(readList);
      assert.equal(readCases.size, list.length);
      for (const c of list) {
        const r = readCases.get(`${c.id} ${c.name}`);
        assert.ok(r, `${c.id} missing`);
        for (const p of pathsOf(c))
          assert.deepEqual(r.site.locate(p), c.site.locate(p), `${c.id} ${p.join('.')}`);
      }
    }
  });

  test('answers nothing for another root, another format or a missing file (the process loads the catalogue)', () => {
    const root = mkdtempSync(join(dir, 'project-'));
    // The snapshot names its root; one for another root is not this project's.
    assert.equal(readCatalogueSnapshot(path, root), undefined);
    const moved = join(dir, 'moved.json');
    writeFileSync(moved, JSON.stringify({ ...JSON.parse(JSON.stringify(loaded)) }));
    assert.equal(readCatalogueSnapshot(moved, REPO_ROOT), undefined, 'not in the snapshot format');
    assert.equal(readCatalogueSnapshot(join(dir, 'missing.json'), REPO_ROOT), undefined);
  });
});
