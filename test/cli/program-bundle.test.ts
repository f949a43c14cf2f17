import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanEnv, runCommandIn } from '../helpers/child-run.ts';
import { copyPackage, REPO_ROOT } from '../helpers/project-copy.ts';

/**
 * bin/program-bundle.mjs, on a scratch copy of the package (its node_modules, and so the cache folder, are this
 * package's; the copy's builds have pointers of their own, named after the program and the copy's folder).
 */
const copy = copyPackage(['bin', 'testbed', 'api']);
const cache = join(REPO_ROOT, 'node_modules', '.cache', 'esb-e2e', 'programs');
const pointerOf = (program: string) =>
  join(
    cache,
    `current-${program}-${createHash('sha256').update(`${copy.root}/`).digest('hex').slice(0, 12)}.json`,
  );
const builds = new Set<string>();
after(() => {
  for (const build of builds) rmSync(join(cache, build), { recursive: true, force: true });
  for (const program of ['cli-main', 'testbed-cli']) rmSync(pointerOf(program), { force: true });
  copy.cleanup();
});

describe('the CLI runs from a bundle of its sources, rebuilt when one changes', () => {
  const pointer = pointerOf('cli-main');
  const cli = (args: string[]) =>
    runCommandIn(
      copy.root,
      process.execPath,
      [join(copy.root, 'bin', 'esb-e2e.mjs'), ...args],
      cleanEnv(),
      60_000,
    );
  const currentBuild = (): string => {
    const build = JSON.parse(readFileSync(pointer, 'utf8')).build as string;
    builds.add(build);
    return build;
  };
  const HELP_LINE = 'an internal error (a bug)';

  test('the first start builds it; the next ones run it as it is', async () => {
    const first = await cli(['--help']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, new RegExp(HELP_LINE.replace(/[()]/g, '\\$&')));
    const build = currentBuild();
    assert.ok(existsSync(join(cache, build, 'cli-main.mjs')), `${build} holds no cli-main.mjs`);
    const inputs = Object.keys(JSON.parse(readFileSync(pointer, 'utf8')).inputs);
    assert.ok(
      inputs.includes(join(copy.root, 'runner', 'cli', 'main.ts')),
      'the inputs name the copy’s sources',
    );
    // `list` loads modules of its own (a chunk of the same build).
    const list = await cli(['list', '--id', 'SMK-001']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^SMK-001 /m);
    assert.equal(currentBuild(), build, 'a start with unchanged sources built anew');
  });

  test('a changed source is built into a new bundle at the next start, and runs', async () => {
    const before = currentBuild();
    const main = join(copy.root, 'runner', 'cli', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace(HELP_LINE, 'an internal error (a bug, changed)'));
    const changed = await cli(['--help']);
    assert.equal(changed.status, 0, changed.stderr);
    assert.match(changed.stdout, /an internal error \(a bug, changed\)/);
    assert.notEqual(currentBuild(), before);
    assert.ok(readdirSync(cache).includes(before), 'the previous build stays for runs that started from it');
  });

  test('sources that do not build run through tsx, which reports the broken one in a line', async () => {
    const before = currentBuild();
    const listCommand = join(copy.root, 'runner', 'cli', 'list-command.ts');
    writeFileSync(listCommand, `${readFileSync(listCommand, 'utf8')}\nexport const broken = ;\n`);
    // --help does not load the list command: it runs.
    const help = await cli(['--help']);
    assert.equal(help.status, 0, help.stderr);
    const list = await cli(['list']);
    assert.equal(list.status, 70, list.stdout);
    assert.match(list.stderr, /^esb-e2e: internal error: .*list-command\.ts/m);
    assert.doesNotMatch(list.stderr, /^\s+at /m, 'a stack trace reached the user');
    assert.equal(currentBuild(), before, 'a failed build replaced the pointer');
  });
});

describe('npm run testbed runs the testbed command from a bundle of its own', () => {
  test('bin/testbed.mjs builds the testbed command once, then runs it as it is', async () => {
    const testbed = () =>
      runCommandIn(
        copy.root,
        process.execPath,
        [join(copy.root, 'bin', 'testbed.mjs'), 'faults'],
        cleanEnv(),
        60_000,
      );
    const pointer = pointerOf('testbed-cli');
    const first = await testbed();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^restart-policy-no\b/m);
    const build = JSON.parse(readFileSync(pointer, 'utf8')).build as string;
    builds.add(build);
    assert.ok(existsSync(join(cache, build, 'testbed-cli.mjs')), `${build} holds no testbed-cli.mjs`);
    const inputs = Object.keys(JSON.parse(readFileSync(pointer, 'utf8')).inputs);
    assert.ok(
      inputs.includes(join(copy.root, 'testbed', 'cli', 'testbed-command.ts')),
      'the inputs name the copy’s sources',
    );
    const again = await testbed();
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    assert.equal(
      JSON.parse(readFileSync(pointer, 'utf8')).build,
      build,
      'a start with unchanged sources built anew',
    );
  });
});
