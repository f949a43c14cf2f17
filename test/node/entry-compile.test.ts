import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { compileEntryFiles } from '../../runner/node/entry-compile.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

describe('compiling the entry files of a run (runner/node/entry-compile.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-entry-compile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const root = scratchProject(join(dir, 'project'), {
    env: 'e2e-docker',
    scenario: 'alpha',
    file: 'test_alpha.yaml',
    cases: 'cases: []\n',
  });
  const entry = (name: string, text: string) => {
    const file = join(root, 'e2e', `${name}.test.ts`);
    writeFileSync(file, text);
    return file;
  };
  writeFileSync(
    join(root, 'e2e', 'helper.ts'),
    'export const scenario: string = "alpha";\nexport const here = import.meta.url;\n',
  );
  const plain = entry(
    'plain',
    "import { registerScenario } from 'esb-e2e';\nimport { scenario, here } from './helper.ts';\nconst typed: number = 1;\nconsole.log(scenario, typed, here);\nexport { registerScenario };\n",
  );
  const programmatic = entry(
    'programmatic',
    "import { runCatalogue } from 'esb-e2e/api';\nconsole.log(typeof runCatalogue);\n",
  );
  const broken = entry('broken', 'const x: number = ;\n');
  const computed = entry('computed', "const name = 'helper';\nawait import(`./${name}.ts`);\n");

  test('compiles what node can run without tsx; leaves to tsx what cannot compile or reaches TypeScript', async () => {
    const compiled = await compileEntryFiles(join(dir, 'out'), [plain, programmatic, broken, computed]);
    assert.deepEqual(Object.keys(compiled), [plain]);
    // The helper is inside; esb-e2e is left to node (the run's resolve hook maps it); each file keeps its own
    // import.meta.url.
    const output = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(compiled[plain]?.compiled)}).catch((e) => console.log(e.code))`,
      ],
      { encoding: 'utf8', cwd: dir },
    );
    assert.match(output.stdout, /ERR_MODULE_NOT_FOUND/, 'esb-e2e is imported, not bundled');
    const text = (await import('node:fs')).readFileSync(compiled[plain]?.compiled as string, 'utf8');
    assert.match(text, /from "esb-e2e"/);
    assert.ok(
      text.includes(JSON.stringify(`file://${join(root, 'e2e', 'helper.ts')}`)),
      'the helper keeps its own URL',
    );
    assert.doesNotMatch(text, /: number/, 'types are gone');
  });

  test("a file that imports no package but esb-e2e gets a standalone copy pointing at the run's bundle", async () => {
    const builtins = entry(
      'builtins',
      "import { registerScenario } from 'esb-e2e';\nimport { join } from 'node:path';\nimport './helper.ts';\nregisterScenario(join('al', 'pha'));\n",
    );
    mkdirSync(join(root, 'node_modules', 'tiny'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'tiny', 'package.json'), '{"name":"tiny","main":"index.js"}');
    writeFileSync(join(root, 'node_modules', 'tiny', 'index.js'), 'module.exports = 1;\n');
    const withPackage = entry(
      'package',
      "import { registerScenario } from 'esb-e2e';\nimport 'tiny';\nregisterScenario('alpha');\n",
    );
    const api = 'file:///run/bundle/api.mjs';
    const compiled = await compileEntryFiles(join(dir, 'standalone'), [builtins, withPackage], api);
    const standalone = compiled[builtins]?.standalone;
    assert.ok(standalone !== undefined);
    const text = readFileSync(standalone, 'utf8');
    assert.match(text, /from "file:\/\/\/run\/bundle\/api\.mjs"/);
    assert.doesNotMatch(text, /"esb-e2e"/);
    assert.match(text, /from "node:path"/);
    assert.ok(compiled[withPackage]?.compiled !== undefined, 'a file that imports a package is compiled');
    assert.equal(compiled[withPackage]?.standalone, undefined, 'but needs the resolve hook for its package');
  });

  test('a later run reuses the compiled file until the entry file or what it imports changes', async () => {
    const first = await compileEntryFiles(join(dir, 'again-1'), [plain]);
    writeFileSync(
      join(root, 'e2e', 'helper.ts'),
      'export const scenario: string = "beta";\nexport const here = 1;\n',
    );
    const second = await compileEntryFiles(join(dir, 'again-2'), [plain, broken]);
    const read = (file: string | undefined) => (file === undefined ? '' : readFileSync(file, 'utf8'));
    assert.match(read(first[plain]?.compiled), /"alpha"/);
    assert.match(read(second[plain]?.compiled), /"beta"/, 'the changed helper was compiled anew');
    assert.deepEqual(Object.keys(second), [plain], 'a broken file is still left to tsx');
  });
});
