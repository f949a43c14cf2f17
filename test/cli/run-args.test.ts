import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunArgs, RunArgsError, runUsage } from '../../runner/cli/run-args.ts';
import { EXTERNAL_TARGET } from '../../runner/targets/external-target.ts';
import type { RunTarget } from '../../runner/targets/run-target.ts';
import { TESTBED_TARGET } from '../../testbed/target/testbed-target.ts';

/** The table bin/esb-e2e.mjs hands to the CLI. */
const TARGETS: RunTarget[] = [TESTBED_TARGET, EXTERNAL_TARGET];

describe('parseRunArgs', () => {
  it('defaults: every environment and suite, 4 at once, the testbed target, nothing allowed', () => {
    assert.deepEqual(parseRunArgs([], TARGETS), {
      esb: undefined,
      envs: [],
      suites: [],
      ids: [],
      grep: undefined,
      shard: undefined,
      concurrency: 4,
      reports: new Map(),
      target: 'testbed',
      envFile: undefined,
      allow: [],
      timeoutSeconds: undefined,
      repeatEach: 1,
      lastFailed: false,
      live: true,
    });
  });

  it('reads repeated and comma-separated lists and every option', () => {
    const options = parseRunArgs(
      [
        '--env=e2e-docker',
        '--esb',
        '2026-03-02',
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
        '--timeout',
        '1800.5',
      ],
      TARGETS,
    );
    assert.deepEqual(options, {
      esb: { name: '2026-03-02', from: '--esb' },
      envs: ['e2e-docker'],
      suites: ['smoke', 'standard'],
      ids: ['SMK-001', 'SMK-002', 'STD-003'],
      grep: 'echo',
      shard: { index: 2, total: 3 },
      concurrency: 8,
      reports: new Map([
        ['junit', 'out.xml'],
        ['json', 'out.json'],
      ]),
      target: 'external',
      envFile: '.testbed/{env}.env',
      allow: ['control-plane'],
      timeoutSeconds: 1800.5,
      repeatEach: 1,
      lastFailed: false,
      live: true,
    });
  });

  it('the testbed target stands in only for the ESB revisions it knows (after the catalogue knew them)', () => {
    const options = (esb?: string) => ({
      envs: [],
      envFile: undefined,
      allow: [],
      ...(esb === undefined ? {} : { esb: { name: esb } }),
    });
    assert.deepEqual(TESTBED_TARGET.planProblems?.(options(), []), []);
    assert.deepEqual(TESTBED_TARGET.planProblems?.(options('2026-03-02'), []), []);
    assert.deepEqual(TESTBED_TARGET.planProblems?.(options('2027-01-01'), []), [
      'the testbed cannot stand in for ESB 2027-01-01: it knows 2026-02-17 (default), 2026-03-02; run against that ESB with --target external',
    ]);
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
        () => parseRunArgs(args, TARGETS),
        (e: Error) => e instanceof RunArgsError && message.test(e.message) && !e.message.includes('\n'),
        args.join(' '),
      );
    }
  });

  it('checks --target against the table of targets: the first is the default, the message names them all', () => {
    const cloud = { ...EXTERNAL_TARGET, name: 'cloud' };
    assert.equal(parseRunArgs([], [EXTERNAL_TARGET, TESTBED_TARGET]).target, 'external');
    assert.equal(parseRunArgs(['--target', 'cloud'], [...TARGETS, cloud]).target, 'cloud');
    const problems: [RunTarget[], string][] = [
      [[EXTERNAL_TARGET], "--target must be external, not 'nope'"],
      [TARGETS, "--target must be testbed or external, not 'nope'"],
      [[...TARGETS, cloud], "--target must be testbed, external or cloud, not 'nope'"],
    ];
    for (const [targets, message] of problems)
      assert.throws(
        () => parseRunArgs(['--target', 'nope'], targets),
        (e: Error) => e instanceof RunArgsError && e.message === message,
      );
    // Only the testbed refuses --client-env.
    assert.equal(parseRunArgs(['--client-env', 'x.env'], [EXTERNAL_TARGET]).envFile, 'x.env');
  });

  it('lists the targets of the table in the help, the default marked', () => {
    const lines = (targets: RunTarget[]) =>
      runUsage(targets)
        .split('\n')
        .filter((l) => l.includes('--target'));
    assert.deepEqual(lines(TARGETS), [
      '  --target testbed      (default) start a fresh local testbed per environment, run, tear it down',
      '  --target external     run against the ESB that the environment variables of contract §1.1 name;',
    ]);
    assert.match(runUsage([EXTERNAL_TARGET]), /^ {2}--target external {5}\(default\) run against the ESB /m);
    assert.doesNotMatch(runUsage([EXTERNAL_TARGET]), /testbed per environment/);
  });
});
