import { cliIo } from '../config/command-io.ts';
import { ESB_REVISION_VARIABLE } from '../load/load-esb-revisions.ts';
import { type OptionTable, type ParsedOptions, UsageError } from './parse-options.ts';

/** The options that select cases, shared by `esb-e2e list` and `esb-e2e run` so both read them alike. */
export const SELECTION_OPTIONS = {
  esb: { type: 'string' },
  env: { type: 'string', multiple: true },
  suite: { type: 'string', multiple: true },
  id: { type: 'string', multiple: true },
  grep: { type: 'string' },
} as const satisfies OptionTable;

export const SELECTION_SYNOPSIS = '[--esb REV] [--env E]... [--suite S]... [--id ID]... [--grep TEXT]';

/** Help lines of the selection options, aligned with the other option lines of a usage text. */
export const SELECTION_HELP = `  --esb REV             the ESB revision to load the catalogue for, one of environments/esb_revisions.yaml
                        (default: ${ESB_REVISION_VARIABLE} when set, else the file's default)
  --env, --suite, --id  repeatable or comma lists; default: every environment and suite of the matrix
  --grep TEXT           cases whose "<ID> <name>" contains TEXT (ignoring case)`;

/** The ESB revision a command loads the catalogue for, and which setting named it (for its messages). */
export interface RevisionChoice {
  readonly name: string;
  readonly from: '--esb' | typeof ESB_REVISION_VARIABLE;
}

/** Which cases a command works on; empty lists select everything. Names are checked against the catalogue later. */
export interface CaseSelection {
  /** Undefined: the project's default revision. */
  readonly esb: RevisionChoice | undefined;
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
    esb: revisionChoice(parsed.string('esb')),
    envs: splitList(parsed.strings('env')),
    suites: splitList(parsed.strings('suite')),
    ids: splitList(parsed.strings('id')),
    grep,
  };
}

/** --esb, else ESB_E2E_ESB (what the node:test processes of a run read too), else none. */
function revisionChoice(flag: string | undefined): RevisionChoice | undefined {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new UsageError('--esb needs a revision name, e.g. --esb 2026-03-02');
    return { name: flag.trim(), from: '--esb' };
  }
  const variable = cliIo().env[ESB_REVISION_VARIABLE]?.trim();
  return variable === undefined || variable === ''
    ? undefined
    : { name: variable, from: ESB_REVISION_VARIABLE };
}
