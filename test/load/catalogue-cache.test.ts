import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Catalogue } from '../../language/model/catalogue.ts';
import { catalogueCacheEntries, loadCatalogueCached } from '../../runner/load/catalogue-cache.ts';
import { CatalogueLoadError } from '../../runner/load/diagnostic.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { copyProject, REPO_ROOT } from '../helpers/project-copy.ts';

/** The catalogue without its functions, as data to compare. */
const data = (catalogue: Catalogue) => JSON.parse(JSON.stringify(catalogue)) as unknown;

/** Every problem of a load, as the user reads it; '' for a load without one. */
function problems(load: () => unknown): string {
  try {
    load();
    return '';
  } catch (error) {
    assert.ok(error instanceof CatalogueLoadError, String(error));
    return error.render();
  }
}

/** Rewrites the kept entry of `root` so that a load from it shows: a case title no load would give. */
function markEntry(root: string): string {
  const [entry] = catalogueCacheEntries(root);
  assert.ok(entry, 'no cache entry was kept');
  const snapshot = JSON.parse(readFileSync(entry, 'utf8'));
  // The catalogue's first case, as the snapshot keeps it: a place among its file's cases.
  const [file, index] = snapshot.planned[0];
  const first = snapshot.catalogue.files[file].cases[index];
  const mark = `${first.name}-from-the-cache`;
  first.name = mark;
  writeFileSync(entry, JSON.stringify(snapshot));
  return mark;
}

describe('the catalogue cache (runner/load/catalogue-cache.ts)', () => {
  const project = copyProject(REPO_ROOT);
  const { root } = project;
  after(() => {
    for (const entry of catalogueCacheEntries(root)) rmSync(entry, { force: true });
    project.cleanup();
  });
  const echoFile = join(root, 'catalog', 'runtime', 'python', 'test_echo.yaml');
  const echoText = readFileSync(echoFile, 'utf8');

  test('a load keeps what loadCatalogue gives, and the next one takes it from the cache', () => {
    const first = loadCatalogueCached(root);
    assert.deepEqual(data(first), data(loadCatalogue(root)));
    assert.equal(catalogueCacheEntries(root).length, 1);
    const mark = markEntry(root);
    const second = loadCatalogueCached(root);
    assert.equal(second.cases[0]?.name, mark, 'the second load parsed the YAML again');
    // Positions are answered from the kept text, as the loader answers them.
    const c = first.cases[0] as Catalogue['cases'][number];
    const d = second.cases[0] as Catalogue['cases'][number];
    assert.deepEqual(
      d.site.locate([...c.site.path, 'steps', 0]),
      c.site.locate([...c.site.path, 'steps', 0]),
    );
  });

  test('an edited, a new and a removed catalogue file are each loaded anew', () => {
    loadCatalogueCached(root);
    const mark = markEntry(root);
    // The same length: only the bytes tell.
    writeFileSync(echoFile, echoText.replace('hello-basic', 'hello-basiC'));
    const edited = loadCatalogueCached(root);
    assert.ok(!edited.cases.some((c) => c.name === mark));
    assert.deepEqual(data(edited), data(loadCatalogue(root)));
    assert.match(JSON.stringify(edited), /hello-basiC/);

    const added = join(root, 'catalog', 'runtime', 'python', 'test_echo_copy.yaml');
    writeFileSync(
      added,
      echoText
        .replaceAll('RTP-001', 'RTP-901')
        .replaceAll('RTP-002', 'RTP-902')
        .replaceAll('desc-', 'desc-copy-')
        .replace(/^( {2}- test: )(\w+)/gm, '$1$2_copy'),
    );
    const withFile = loadCatalogueCached(root);
    assert.deepEqual(data(withFile), data(loadCatalogue(root)));
    assert.ok(
      withFile.cases.some((c) => c.id === 'RTP-901'),
      'the new file’s case is missing',
    );
    rmSync(added);
    writeFileSync(echoFile, echoText);
    const restored = loadCatalogueCached(root);
    assert.ok(!restored.cases.some((c) => c.id === 'RTP-901'), 'the removed file’s case is still there');
    assert.deepEqual(data(restored), data(loadCatalogue(root)));
    assert.equal(catalogueCacheEntries(root).length, 1, 'a project keeps one entry');
  });

  test('a broken catalogue is reported as the loader reports it, and is never kept', () => {
    loadCatalogueCached(root);
    const mark = markEntry(root);
    writeFileSync(echoFile, echoText.replace('status: 200', 'status: "two hundred"'));
    const expected = problems(() => loadCatalogue(root));
    assert.notEqual(expected, '');
    assert.equal(
      problems(() => loadCatalogueCached(root)),
      expected,
    );
    assert.equal(
      problems(() => loadCatalogueCached(root)),
      expected,
    );
    writeFileSync(echoFile, echoText);
    // Fixed, it is the catalogue kept before the break.
    assert.equal(loadCatalogueCached(root).cases[0]?.name, mark);
  });

  test('the schema files a modeline may name are part of the key', () => {
    // A file whose modeline names the schema of an installed esb-e2e: right while that file is there.
    const installed = join(root, 'node_modules', 'esb-e2e', 'schema');
    mkdirSync(installed, { recursive: true });
    cpSync(join(root, 'schema', 'catalog-file.schema.json'), join(installed, 'catalog-file.schema.json'));
    writeFileSync(
      echoFile,
      echoText.replace(
        /^# yaml-language-server: .*$/m,
        '# yaml-language-server: $schema=../../../node_modules/esb-e2e/schema/catalog-file.schema.json',
      ),
    );
    try {
      assert.equal(
        problems(() => loadCatalogueCached(root)),
        '',
      );
      rmSync(join(root, 'node_modules'), { recursive: true, force: true });
      const expected = problems(() => loadCatalogue(root));
      assert.match(expected, /yaml-language-server/);
      assert.equal(
        problems(() => loadCatalogueCached(root)),
        expected,
      );
    } finally {
      writeFileSync(echoFile, echoText);
      rmSync(join(root, 'node_modules'), { recursive: true, force: true });
    }
  });
});
