import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunArgs, RunArgsError } from '../../runner/cli/run-args.ts';

describe('parseRunArgs', () => {
  it('defaults: every environment and suite, 4 at once, the testbed target, nothing allowed', () => {
    assert.deepEqual(parseRunArgs([]), {
      envs: [],
      suites: [],
      ids: [],
      grep: undefined,
      shard: undefined,
      concurrency: 4,
      junit: undefined,
      json: undefined,
      target: 'testbed',
      envFile: undefined,
      allow: [],
    });
  });

  it('reads repeated and comma-separated lists and every option', () => {
    const options = parseRunArgs([
      '--env=e2e-docker',
      '--suite',
      'smoke,standard',
      '--id',
      'SMK-001',
      '--id',
      'SMK-002, STD-003',
      '--grep',
      'echo',
      '--shard',
      '2/3',
      '--concurrency',
      '8',
      '--junit',
      'out.xml',
      '--json',
      'out.json',
      '--target',
      'external',
      '--client-env',
      '.testbed/{env}.env',
      '--allow',
      'control-plane',
    ]);
    assert.deepEqual(options, {
      envs: ['e2e-docker'],
      suites: ['smoke', 'standard'],
      ids: ['SMK-001', 'SMK-002', 'STD-003'],
      grep: 'echo',
      shard: { index: 2, total: 3 },
      concurrency: 8,
      junit: 'out.xml',
      json: 'out.json',
      target: 'external',
      envFile: '.testbed/{env}.env',
      allow: ['control-plane'],
    });
  });

  it('rejects unknown flags, positionals and malformed values, each with one line that names it', () => {
    const cases: [string[], RegExp][] = [
      [['--profile', 'x'], /Unknown option '--profile'/],
      [['smoke'], /positional argument/],
      [['--shard', '3/2'], /invalid shard '3\/2'/],
      [['--concurrency', '0'], /--concurrency=0 is not a positive whole number/],
      [['--concurrency', '2.5'], /not a positive whole number/],
      [['--target', 'cloud'], /--target must be testbed or external, not 'cloud'/],
      [['--grep', ' '], /--grep needs a non-empty text/],
      [['--client-env', 'x.env'], /--client-env applies to --target external/],
      [['--target', 'external', '--allow', 'everything'], /unknown hook scope 'everything'/],
      [['--json'], /argument missing/],
    ];
    for (const [args, message] of cases) {
      assert.throws(
        () => parseRunArgs(args),
        (e: Error) => e instanceof RunArgsError && message.test(e.message) && !e.message.includes('\n'),
        args.join(' '),
      );
    }
  });
});
