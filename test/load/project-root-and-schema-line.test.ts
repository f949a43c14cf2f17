import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultProjectRoot, PACKAGE_ROOT } from '../../runner/load/default-root.ts';
import { checkSchemaLine } from '../../runner/load/schema-line.ts';

// A repository that depends on esb-e2e: catalog/ of its own, the schemas only in node_modules/esb-e2e/schema/.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'esb-e2e-consumer-root-')));
const repo = join(base, 'repo');
mkdirSync(join(repo, 'catalog', 'smoke'), { recursive: true });
mkdirSync(join(repo, 'e2e'), { recursive: true });
mkdirSync(join(repo, 'node_modules', 'esb-e2e', 'schema'), { recursive: true });
writeFileSync(join(repo, 'node_modules', 'esb-e2e', 'schema', 'catalog-file.schema.json'), '{}');
mkdirSync(join(base, 'elsewhere'));
after(() => rmSync(base, { recursive: true, force: true }));

const modeline = (path: string) => `# yaml-language-server: $schema=${path}\ncases: []\n`;
const FILE = 'catalog/smoke/test_x.yaml';

describe('the project root without ESB_E2E_ROOT', () => {
  it('is the nearest folder at or above the current one that holds catalog/', () => {
    assert.equal(defaultProjectRoot(repo), repo);
    assert.equal(defaultProjectRoot(join(repo, 'e2e')), repo);
    assert.equal(defaultProjectRoot(join(repo, 'catalog', 'smoke')), repo);
  });

  it('is this package when no folder above holds catalog/', () => {
    assert.equal(defaultProjectRoot(join(base, 'elsewhere')), PACKAGE_ROOT);
  });
});

describe('the $schema line of a repository that installed esb-e2e', () => {
  it('may name the installed package’s schema', () => {
    const named = '../../node_modules/esb-e2e/schema/catalog-file.schema.json';
    assert.deepEqual(checkSchemaLine(repo, FILE, modeline(named), 'catalog-file'), []);
  });

  it('may name a schema/ folder of the project’s own', () => {
    assert.deepEqual(
      checkSchemaLine(repo, FILE, modeline('../../schema/catalog-file.schema.json'), 'catalog-file'),
      [],
    );
  });

  it('a wrong path is wrong-schema-line, and the fix names the installed schema', () => {
    const [problem, ...rest] = checkSchemaLine(repo, FILE, modeline('../schema/x.json'), 'catalog-file');
    assert.deepEqual(rest, []);
    assert.equal(problem?.code, 'wrong-schema-line');
    assert.equal(
      problem?.fix,
      'make the first line: # yaml-language-server: $schema=../../node_modules/esb-e2e/schema/catalog-file.schema.json',
    );
  });

  it('an installed schema of another kind is not accepted', () => {
    const named = '../../node_modules/esb-e2e/schema/catalog-file.schema.json';
    assert.equal(checkSchemaLine(repo, FILE, modeline(named), 'categories')[0]?.code, 'wrong-schema-line');
  });
});
