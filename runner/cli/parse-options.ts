import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean } from '../text/closest-name.ts';

/** A command line a command cannot take. The message is one line naming the problem and, where known, the fix. */
export class UsageError extends Error {}

/**
 * The value of `--<option>` as a number of seconds above 0 and at most `max` (a UsageError naming the option and
 * an `example` otherwise): the --timeout of `esb-e2e run` and of `npm run testbed -- up`.
 */
export function positiveSeconds(option: string, text: string, max: number, example: number): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0) || seconds > max)
    throw new UsageError(
      `--${option}=${text} is not a number of seconds above 0 and at most ${max}; use e.g. --${option} ${example}`,
    );
  return seconds;
}

export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** True when the arguments ask for help (`--help`, `-h`) anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The values of parsed options, read by type. */
export class ParsedOptions {
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    /** The arguments that are no option, for a command that takes them (merge-reports' files). */
    readonly positionals: readonly string[] = [],
  ) {}

  string(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  strings(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }
}

/** The option names as a user writes them: --env, -h. */
function spelledNames(options: OptionTable): string[] {
  return Object.entries(options).flatMap(([name, o]) => [
    `--${name}`,
    ...(o.short === undefined ? [] : [`-${o.short}`]),
  ]);
}

/** A likely intended option, else every option, else that there are none. */
function optionsHint(spelled: string, known: readonly string[]): string {
  if (known.length === 0) return ' it takes no options';
  return didYouMean(spelled, known) || ` the options are ${known.join(', ')}`;
}

/** node:util's message, on one line, with a fix that fits commands that take options only. */
function usageMessage(error: Error & { code?: string }, options: OptionTable): string {
  const known = spelledNames(options);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // node suggests `-- "--x"` for a positional that starts with '-'; these commands take no positionals.
    const option = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    const spelled = option.split('=')[0] ?? option;
    return `Unknown option '${option}';${optionsHint(spelled, known)}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    const asOption = `--${argument}`;
    return `Unexpected argument '${argument}': this command takes no positional arguments;${optionsHint(asOption, known)}`;
  }
  const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec(error.message);
  if (ambiguous !== null)
    return `${ambiguous[1]} needs a value; for a value that starts with '-', write ${ambiguous[1]}=<value>`;
  return error.message.replace(/\s*\n\s*/g, ' ');
}

/**
 * Parses options strictly, with no positional argument unless `positionals` allows them; throws UsageError with
 * one line for anything it cannot take.
 */
export function parseOptions(
  args: readonly string[],
  options: OptionTable,
  { positionals = false }: { readonly positionals?: boolean } = {},
): ParsedOptions {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true });
    return new ParsedOptions(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError(usageMessage(error, options));
    throw error;
  }
}
