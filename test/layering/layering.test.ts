import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { layeringViolations, readDepsList } from './deps-lists.ts';
import { importCircles, importsOf, sourceFiles } from './import-graph.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The project's layers, lowest first; each has a DEPS.list naming what it may import. */
const LAYERS = [
  'language',
  'assertions',
  'hooks',
  'runner',
  'docsgen',
  'testbed',
  'api',
  'e2e',
  'bin',
] as const;

const edgesOf = (root: string, folders: readonly string[]) =>
  sourceFiles(root, folders).flatMap((file) => importsOf(root, file));

describe('layering (DEPS.list per folder)', () => {
  it('every layer has a DEPS.list', () => {
    const missing = LAYERS.filter((layer) => readDepsList(ROOT, layer) === undefined);
    assert.deepEqual(missing, [], `add a DEPS.list to: ${missing.join(', ')}`);
  });

  it('every import goes down the layers, as the nearest DEPS.list allows', () => {
    const violations = layeringViolations(ROOT, edgesOf(ROOT, LAYERS));
    assert.equal(violations.length, 0, `\n${violations.join('\n')}`);
  });

  it('the catalogue language imports nothing of ours outside it', () => {
    assert.deepEqual(readDepsList(ROOT, 'language')?.allowed, []);
  });

  it('the testbed target loads Docker code only when a run uses it (dynamic imports)', () => {
    const eager = edgesOf(ROOT, ['testbed/target'])
      .filter((edge) => edge.to.startsWith('testbed/docker/') && !edge.dynamic)
      .map(
        (edge) =>
          `${edge.from}:${edge.line}: static import of ${edge.to}; use await import() inside the target`,
      );
    assert.deepEqual(eager, []);
  });

  it('no import circle, anywhere in the project', () => {
    const circles = importCircles(edgesOf(ROOT, [...LAYERS, 'test', 'scripts', 'bench']));
    assert.deepEqual(circles, [], circles.map((c) => `circle: ${c.join(' -> ')}`).join('\n'));
  });
});

describe('the layering check itself, on a scratch tree', () => {
  const scratch = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(tmpdir(), 'esb-layering-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };

  it('names the file, line and the DEPS.list of an upward import, also a dynamic one', () => {
    const root = scratch({
      'low/DEPS.list': '# the floor\n',
      'low/a.ts': "export const a = 1;\n\nimport { b } from '../high/b.ts';\n",
      'low/c.ts': "export const load = () => import('../high/b.ts');\n",
      'high/DEPS.list': 'low/\n',
      'high/b.ts': "import { a } from '../low/a.ts';\nexport const b = a;\n",
    });
    try {
      const violations = layeringViolations(root, edgesOf(root, ['low', 'high']));
      assert.equal(violations.length, 2, violations.join('\n'));
      assert.match(
        violations[0] as string,
        /^low\/a\.ts:3: imports '\.\.\/high\/b\.ts' \(high\/b\.ts\), which low\/DEPS\.list/,
      );
      assert.match(violations[1] as string, /^low\/c\.ts:1: /);
      assert.deepEqual(importCircles(edgesOf(root, ['low', 'high'])), [['high/b.ts', 'low/a.ts']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("an import of the package's own name is held to the file its package.json exports name", () => {
    const root = scratch({
      'package.json': JSON.stringify({
        name: 'pkg',
        exports: { '.': './high/b.ts', './x/*': './high/*.ts' },
      }),
      'low/DEPS.list': '# the floor\n',
      'low/a.ts': "export const a = 1;\n/** `import { b } from 'pkg'` in a comment is no import. */\n",
      'low/c.ts': "import { b } from 'pkg';\nimport { d } from 'pkg/x/d';\nimport { e } from 'other';\n",
      'high/DEPS.list': 'low/\n',
      'high/b.ts': "import { a } from '../low/a.ts';\nexport const b = a;\n",
      'high/d.ts': 'export const d = 1;\n',
    });
    try {
      const violations = layeringViolations(root, edgesOf(root, ['low', 'high']));
      assert.equal(violations.length, 2, violations.join('\n'));
      assert.match(violations[0] as string, /^low\/c\.ts:1: imports 'pkg' \(high\/b\.ts\)/);
      assert.match(violations[1] as string, /^low\/c\.ts:2: imports 'pkg\/x\/d' \(high\/d\.ts\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a nested DEPS.list governs its folder instead of the outer one', () => {
    const root = scratch({
      'top/DEPS.list': 'base/\n',
      'top/inner/DEPS.list': '\n',
      'top/inner/x.ts': "import { y } from '../../base/y.ts';\n",
      'top/z.ts': "import { y } from '../base/y.ts';\n",
      'base/DEPS.list': '',
      'base/y.ts': 'export const y = 1;\n',
    });
    try {
      const violations = layeringViolations(root, edgesOf(root, ['top', 'base']));
      assert.equal(violations.length, 1, violations.join('\n'));
      assert.match(violations[0] as string, /^top\/inner\/x\.ts:1: .*top\/inner\/DEPS\.list/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
