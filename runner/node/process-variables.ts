/**
 * Variables `esb-e2e run` sets for the node:test processes it starts, for its own code there (not for users:
 * those are the ESB_E2E_* variables of run-variables.ts).
 */
export const PROCESS_VARIABLE = {
  /** The entry files the process runs (entry-group-main.ts): a JSON array of absolute paths. */
  entryFiles: 'ESB_E2E_ENTRY_FILES',
  /** The run's bundled entry API, a file URL (entry-bundle-hooks.mjs reads it by this name too). */
  entryBundle: 'ESB_E2E_ENTRY_BUNDLE',
  /**
   * The compiled file of each entry file of the process that has one (entry-compile.ts): a JSON object by the
   * entry file's absolute path (entry-bundle-hooks.mjs reads it by this name too).
   */
  compiledEntries: 'ESB_E2E_COMPILED_ENTRIES',
  /** The catalogue as the run loaded it (runner/load/catalogue-snapshot.ts), a file path. */
  catalogueSnapshot: 'ESB_E2E_CATALOGUE_SNAPSHOT',
} as const;
