/**
 * The catalogue schema's definition that embeds every hook's `with` schema (generated from hooks/hook-table.ts,
 * for editors and other validators). The loader leaves its errors out of the schema check: checkHooks validates
 * `with` against the hook table the load was given and names the hook in its diagnostic (bad-hook-with).
 */
export const HOOK_ARGUMENTS_DEF = 'hookArguments';

/** Whether a schema error's schemaPath lies in that definition. */
export function isHookArgumentsError(schemaPath: string): boolean {
  return schemaPath.startsWith(`#/$defs/${HOOK_ARGUMENTS_DEF}/`);
}
