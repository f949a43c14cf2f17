import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogueFile } from '../../runner/load/load-catalog-file.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

describe('README', () => {
  it('shows a case, under "Adding or changing a case", that the loader accepts', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Adding or changing a case'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(example, 'the section has a yaml block');
    const loaded = loadCatalogueFile(REPO_ROOT, 'catalog/smoke/test_readme.yaml', example);
    assert.deepEqual(
      loaded.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`),
      [],
    );
    assert.deepEqual(
      loaded.file?.cases.map((c) => [c.name, c.execution.steps.length]),
      [
        ['test_runtime_echo[python]', 1],
        ['test_runtime_echo[java]', 1],
      ],
    );
  });
});
