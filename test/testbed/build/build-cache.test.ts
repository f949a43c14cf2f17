import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cachedBuild } from '../../../runner/files/build-cache.ts';

describe('build cache (runner/files/build-cache.ts)', () => {
  const root = mkdtempSync(join(tmpdir(), 'esb-build-cache-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;

  /** A scratch source tree (an entry importing a module that can change) and a cache of its own. */
  function project() {
    const dir = join(root, `p${++count}`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'entry.ts'), "import { word } from './word.ts';\nconsole.log(word);\n");
    writeFileSync(join(dir, 'src', 'word.ts'), "export const word: string = 'first';\n");
    const options = {
      entryPoints: { app: join(dir, 'src', 'entry.ts') },
      outExtension: { '.js': '.mjs' },
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      format: 'esm' as const,
      platform: 'node' as const,
      logLevel: 'silent' as const,
    };
    const cache = join(dir, 'cache');
    const build = (out: string) => cachedBuild('app', options, join(dir, out), cache);
    const entries = () => readdirSync(cache).filter((e) => e.startsWith('app-'));
    const inode = (out: string) => statSync(join(dir, out, 'app.mjs')).ino;
    return { dir, cache, build, entries, inode };
  }

  test('builds once, then links the same output while no input changes', async () => {
    const p = project();
    await p.build('out1');
    await p.build('out2');
    assert.match(readFileSync(join(p.dir, 'out2', 'app.mjs'), 'utf8'), /first/);
    assert.equal(p.entries().length, 1);
    const [entry] = p.entries();
    const cached = statSync(join(p.cache, entry as string, 'app.mjs')).ino;
    // One build: both folders hold links to the entry's file, not files of their own.
    assert.equal(p.inode('out1'), cached);
    assert.equal(p.inode('out2'), cached);
    assert.ok(existsSync(join(p.cache, entry as string, 'build-inputs.json')));
    assert.ok(!existsSync(join(p.dir, 'out2', 'build-inputs.json')), 'the manifest stays in the cache');
  });

  test('builds anew when an imported file changed, and the folder gets the new output', async () => {
    const p = project();
    await p.build('out');
    const before = p.inode('out');
    writeFileSync(join(p.dir, 'src', 'word.ts'), "export const word: string = 'second';\n");
    await p.build('out');
    assert.match(readFileSync(join(p.dir, 'out', 'app.mjs'), 'utf8'), /second/);
    assert.notEqual(p.inode('out'), before);
    assert.equal(p.entries().length, 1, 'the stale entry was replaced, not kept beside');
  });

  test('builds of one process at once share one build', async () => {
    const p = project();
    await Promise.all([p.build('a'), p.build('b'), p.build('c')]);
    assert.equal(p.inode('a'), p.inode('b'));
    assert.equal(p.inode('b'), p.inode('c'));
    assert.deepEqual(
      readdirSync(p.cache).filter((e) => e.includes('.build-')),
      [],
      'no unfinished build left',
    );
  });

  test("replaces the previous build's files in the folder, and leaves the rest of it alone", async () => {
    const p = project();
    mkdirSync(join(p.dir, 'out', 'chunks'), { recursive: true });
    writeFileSync(join(p.dir, 'out', 'chunks', 'chunk-OLD.mjs'), '');
    writeFileSync(join(p.dir, 'out', 'other.txt'), 'kept');
    await p.build('out');
    assert.ok(!existsSync(join(p.dir, 'out', 'chunks', 'chunk-OLD.mjs')));
    assert.equal(readFileSync(join(p.dir, 'out', 'other.txt'), 'utf8'), 'kept');
  });

  test('a cache that cannot be written: builds into the folder itself', async () => {
    const p = project();
    writeFileSync(join(p.dir, 'not-a-folder'), '');
    const options = {
      entryPoints: { app: join(p.dir, 'src', 'entry.ts') },
      bundle: true,
      format: 'esm' as const,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent' as const,
    };
    await cachedBuild('app', options, join(p.dir, 'out'), join(p.dir, 'not-a-folder', 'cache'));
    assert.match(readFileSync(join(p.dir, 'out', 'app.mjs'), 'utf8'), /first/);
    assert.deepEqual(readdirSync(join(p.dir, 'out')), ['app.mjs'], 'nothing but the output is left');
  });

  test('a source that does not compile fails the build with esbuild’s message', async () => {
    const p = project();
    writeFileSync(join(p.dir, 'src', 'word.ts'), 'export const word = ;\n');
    await assert.rejects(p.build('out'), (error: Error) => {
      assert.match(error.message, /word\.ts:1:\d+: ERROR: Unexpected ";"/);
      return true;
    });
    assert.deepEqual(p.entries(), []);
  });
});
