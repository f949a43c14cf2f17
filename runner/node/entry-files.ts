/** The folder of the thin node:test entry files, relative to the project root. */
export const ENTRY_DIR = 'e2e';

/** The entry file of a scenario folder, relative to the project root: runtime/java -> e2e/runtime-java.test.ts. */
export function entryFileFor(scenario: string): string {
  return `${ENTRY_DIR}/${scenario.replaceAll('/', '-')}.test.ts`;
}

/** The module entry files import registerScenario from: the package's name (package.json "exports"). */
export const ENTRY_IMPORT = 'esb-e2e';

/** What an entry file contains besides comments: one import and one call. */
export function entrySource(scenario: string): string {
  return `import { registerScenario } from '${ENTRY_IMPORT}';\n\nregisterScenario('${scenario}');\n`;
}
