import { type OptionTable, type ParsedOptions, UsageError } from './parse-options.ts';

/** The options that select cases, shared by `esb-e2e list` and `esb-e2e run` so both read them alike. */
export const SELECTION_OPTIONS = {
  env: { type: 'string', multiple: true },
  suite: { type: 'string', multiple: true },
  id: { type: 'string', multiple: true },
  grep: { type: 'string' },
} as const satisfies OptionTable;

export const SELECTION_SYNOPSIS = '[--env E]... [--suite S]... [--id ID]... [--grep TEXT]';

/** Help lines of the selection options, aligned with the other option lines of a usage text. */
export const SELECTION_HELP = `  --env, --suite, --id  repeatable or comma lists; default: every environment and suite of the matrix
  --grep TEXT           cases whose "<ID> <name>" contains TEXT (ignoring case)`;

/** Which cases a command works on; empty lists select everything. Names are checked against the catalogue later. */
export interface CaseSelection {
  readonly envs: readonly string[];
  readonly suites: readonly string[];
  readonly ids: readonly string[];
  readonly grep: string | undefined;
}

/** `--env a,b --env c` → [a, b, c]. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Reads the selection options of a command line parsed with SELECTION_OPTIONS among its options. */
export function readSelection(parsed: ParsedOptions): CaseSelection {
  const grep = parsed.string('grep');
  if (grep !== undefined && grep.trim() === '') throw new UsageError('--grep needs a non-empty text');
  return {
    envs: splitList(parsed.strings('env')),
    suites: splitList(parsed.strings('suite')),
    ids: splitList(parsed.strings('id')),
    grep,
  };
}
