import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docsCommand } from '../../docsgen/docs-command.ts';
import { SCENARIOS_DOC } from '../../docsgen/render-scenarios.ts';
import { loadCatalogue } from '../../runner/load/load-catalogue.ts';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { copyProject, FIXTURES, REPO_ROOT } from '../helpers/project-copy.ts';

/** `npm run docs -- --root <root> <args>`, in this process (test/cli/commands.test.ts runs the program). */
function generateDocs(root: string, ...args: string[]) {
  return runInProcess(docsCommand, ['--root', root, ...args]);
}

describe('generate-docs', () => {
  it('--check passes on the committed document and fails, naming the lines, when it is stale', async () => {
    const project = copyProject(REPO_ROOT);
    try {
      cpSync(join(REPO_ROOT, 'docs'), join(project.root, 'docs'), { recursive: true });
      assert.equal((await generateDocs(project.root, '--check')).status, 0);

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
      const stale = await generateDocs(project.root, '--check');
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /docs\/scenarios\.md is stale/);
      assert.match(
        stale.stderr,
        new RegExp(
          `line 19:\\n\\s+- \\| smoke \\| \`smoke\` \\| ${smoke + 1} \\|.*\\n\\s+\\+ \\| smoke \\| \`smoke\` \\| ${smoke} \\|`,
        ),
      );

      assert.equal((await generateDocs(project.root)).status, 0);
      assert.equal((await generateDocs(project.root, '--check')).status, 0);
    } finally {
      project.cleanup();
    }
  });

  it('refuses to write from a broken catalogue', async () => {
    const project = copyProject(join(FIXTURES, 'base-project'), join(FIXTURES, 'broken', 'duplicate-id'));
    try {
      const result = await generateDocs(project.root);
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
