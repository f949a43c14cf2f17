import { parseOptions } from './parse-options.ts';
import {
  type CaseSelection,
  readSelection,
  SELECTION_HELP,
  SELECTION_OPTIONS,
  SELECTION_SYNOPSIS,
} from './selection-args.ts';

export const LIST_USAGE = `usage: esb-e2e list ${SELECTION_SYNOPSIS} [--json]
${SELECTION_HELP}
  --id ID               an ID shared by several expansions (RST-001) lists all of them
  --json                JSON instead of a table: id, name, scenario, suite, file, category, envs`;

const LIST_OPTIONS = { ...SELECTION_OPTIONS, json: { type: 'boolean' } } as const;

/** `esb-e2e list` options: which cases, and whether as JSON. */
export interface ListOptions extends CaseSelection {
  readonly json: boolean;
}

/** Parses `esb-e2e list` arguments; throws UsageError with one line for an unknown or malformed flag. */
export function parseListArgs(args: readonly string[]): ListOptions {
  const parsed = parseOptions(args, LIST_OPTIONS);
  return { ...readSelection(parsed), json: parsed.flag('json') };
}
