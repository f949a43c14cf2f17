import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { copyProject, FIXTURES, REPO_ROOT } from '../helpers/project-copy.ts';

function generateDocs(root: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'generate-docs.ts'), '--root', root, ...args],
    { encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('generate-docs', () => {
  it('--check passes on the committed document and fails, naming the lines, when it is stale', () => {
    const project = copyProject(REPO_ROOT);
    try {
      cpSync(join(REPO_ROOT, 'docs'), join(project.root, 'docs'), { recursive: true });
      assert.equal(generateDocs(project.root, '--check').status, 0);

      // The smoke row's count, off by one; the count itself follows the catalogue, which may grow.
      const smoke = loadCatalogue(project.root).cases.filter((c) => c.scenario === 'smoke').length;
      const doc = join(project.root, SCENARIOS_DOC);
      const committed = readFileSync(doc, 'utf8');
      const edited = committed.replace(
        `| smoke | \`smoke\` | ${smoke} |`,
        `| smoke | \`smoke\` | ${smoke + 1} |`,
      );
      assert.notEqual(edited, committed);
      writeFileSync(doc, edited);
      const stale = generateDocs(project.root, '--check');
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /docs\/scenarios\.md is stale/);
      assert.match(
        stale.stderr,
        new RegExp(
          `line 19:\\n\\s+- \\| smoke \\| \`smoke\` \\| ${smoke + 1} \\|.*\\n\\s+\\+ \\| smoke \\| \`smoke\` \\| ${smoke} \\|`,
        ),
      );

      assert.equal(generateDocs(project.root).status, 0);
      assert.equal(generateDocs(project.root, '--check').status, 0);
    } finally {
      project.cleanup();
    }
  });

  it('refuses to write from a broken catalogue', () => {
    const project = copyProject(join(FIXTURES, 'base-project'), join(FIXTURES, 'broken', 'duplicate-id'));
    try {
      const result = generateDocs(project.root);
      assert.equal(result.status, 2);
      assert.match(
        result.stderr,
        /catalog\/beta\/test_two\.yaml:4:9: error \[ALP-001\]: case ID ALP-001 is already used/,
      );
    } finally {
      project.cleanup();
    }
  });
});
