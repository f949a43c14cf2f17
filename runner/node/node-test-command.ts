import { resolve } from 'node:path';

/**
 * Node options that take their value as the next argument when not written `--opt=value`; the rest of a node
 * command line before the files are flags. Only what a `node --test` command line plausibly holds.
 */
const OPTIONS_WITH_VALUE = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
  '--env-file',
  '--input-type',
  '--inspect-port',
  '--title',
  '--disable-warning',
  '--watch-path',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-shard',
  '--test-concurrency',
  '--test-timeout',
  '--test-coverage-include',
  '--test-coverage-exclude',
]);

/** What a `node --test` command line says about the run it starts. */
export interface NodeTestCommand {
  /** The files given, resolved against the command's working folder and sorted, as node orders (and shards) them. */
  readonly files: readonly string[];
}

/**
 * Reads a node command line (argv[0] is node itself). Undefined when it is not a `node --test` run, so the caller
 * falls back to what it knows without it.
 */
export function parseNodeTestCommand(argv: readonly string[], cwd: string): NodeTestCommand | undefined {
  let test = false;
  const files: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    if (arg === '--') {
      files.push(...argv.slice(k + 1));
      break;
    }
    if (arg === '--test') test = true;
    else if (OPTIONS_WITH_VALUE.has(arg)) k++;
    else if (!arg.startsWith('-') && arg !== '') files.push(arg);
  }
  if (!test) return undefined;
  return {
    files: files
      .filter((f) => f !== '')
      .map((f) => resolve(cwd, f))
      .sort(),
  };
}

/** The `i/n` of node's --test-shard among a process's execArgv (node hands it down to every file it runs). */
export function testShardOption(execArgv: readonly string[]): string | undefined {
  for (let k = 0; k < execArgv.length; k++) {
    const arg = execArgv[k] ?? '';
    if (arg.startsWith('--test-shard=')) return arg.slice('--test-shard='.length);
    if (arg === '--test-shard') return execArgv[k + 1];
  }
  return undefined;
}
