import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/project-copy.ts';

/**
 * The testbed sits above the runner: runner/ never imports testbed/ (the testbed's run target is handed to the
 * CLI by bin/esb-e2e.mjs), and the testbed's run target loads its Docker code only when a run uses it.
 */

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

interface ImportSite {
  readonly line: number;
  readonly specifier: string;
  readonly dynamic: boolean;
}

/** Every import of a source text: `from '…'`, `import '…'`, `import('…')` (and require), with its line. */
function importsOf(text: string): ImportSite[] {
  const sites: ImportSite[] = [];
  const patterns: [RegExp, boolean][] = [
    [/\bfrom\s*(['"])([^'"\n]+)\1/g, false],
    [/\bimport\s*(['"])([^'"\n]+)\1/g, false],
    [/\bimport\s*\(\s*(['"`])([^'"`\n]+)\1/g, true],
    [/\brequire\s*\(\s*(['"`])([^'"`\n]+)\1/g, true],
  ];
  for (const [pattern, dynamic] of patterns)
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      sites.push({ line, specifier: match[2] ?? '', dynamic });
    }
  return sites.sort((a, b) => a.line - b.line);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** The imports of the files below `folder` that resolve below `forbidden`, as `file:line: specifier`. */
function importsInto(folder: string, forbidden: string, which: (site: ImportSite) => boolean): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(folder)) {
    for (const site of importsOf(readFileSync(join(REPO_ROOT, file), 'utf8'))) {
      if (!which(site)) continue;
      const { specifier } = site;
      if (!specifier.startsWith('.') && !isAbsolute(specifier)) continue;
      const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier));
      if (target === forbidden || target.startsWith(`${forbidden}/`))
        found.push(`${file}:${site.line}: ${site.dynamic ? 'import(…)' : 'import'} '${specifier}'`);
    }
  }
  return found;
}

describe('runner and testbed layering', () => {
  it('finds static, multi-line and dynamic imports with their lines', () => {
    const text = [
      "import { a } from '../../testbed/a.ts';",
      'import {',
      '  b,',
      "} from '../../testbed/b.ts';",
      "import '../../testbed/c.ts';",
      "const d = await import('../../testbed/d.ts');",
      'const e = await import(',
      '  `../../testbed/e.ts`',
      ');',
    ].join('\n');
    assert.deepEqual(
      importsOf(text).map((s) => `${s.line} ${s.specifier} ${s.dynamic}`),
      [
        '1 ../../testbed/a.ts false',
        '4 ../../testbed/b.ts false',
        '5 ../../testbed/c.ts false',
        '6 ../../testbed/d.ts true',
        '7 ../../testbed/e.ts true',
      ],
    );
  });

  it('runner/ has no import, static or dynamic, of testbed/', () => {
    assert.ok(sourceFiles('runner').length > 50, 'runner/ has its source files');
    const found = importsInto('runner', 'testbed', () => true);
    assert.deepEqual(found, [], `runner/ imports testbed/:\n${found.join('\n')}`);
  });

  it("the testbed's run target loads testbed/docker only when a run uses it (no static import)", () => {
    const found = importsInto('testbed/target', 'testbed/docker', (site) => !site.dynamic);
    assert.deepEqual(found, [], `testbed/target/ imports testbed/docker/ statically:\n${found.join('\n')}`);
  });
});
