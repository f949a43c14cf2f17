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

/** Every value of `option` among a process's execArgv, in either `--opt=value` or `--opt value` form. */
function optionValues(execArgv: readonly string[], option: string): string[] {
  const values: string[] = [];
  for (let k = 0; k < execArgv.length; k++) {
    const arg = execArgv[k] ?? '';
    if (arg.startsWith(`${option}=`)) values.push(arg.slice(option.length + 1));
    else if (arg === option && execArgv[k + 1] !== undefined) values.push(execArgv[++k] ?? '');
  }
  return values;
}

/** A name pattern as node reads it: `/re/flags`, or else the whole text as a regular expression. */
function namePattern(text: string): RegExp | undefined {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    return literal === null ? new RegExp(text) : new RegExp(literal[1] ?? '', literal[2]);
  } catch {
    return undefined; // node itself rejects it before any file runs
  }
}

/**
 * Whether node's --test-name-pattern / --test-skip-pattern (handed down in execArgv) keep a top-level test named
 * `name` from running: node then reports it skipped, and a failing test registered to explain a problem would
 * explain nothing.
 */
export function filteredOutByNode(name: string, execArgv: readonly string[]): boolean {
  const include = optionValues(execArgv, '--test-name-pattern').flatMap((p) => namePattern(p) ?? []);
  const exclude = optionValues(execArgv, '--test-skip-pattern').flatMap((p) => namePattern(p) ?? []);
  if (include.length > 0 && !include.some((re) => re.test(name))) return true;
  return exclude.some((re) => re.test(name));
}
