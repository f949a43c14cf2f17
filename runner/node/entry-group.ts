import { relative } from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { registerFailingTest } from './failing-test.ts';
import { registerScenario } from './register-cases.ts';
import { collectScenarios } from './scenario-collector.ts';

/**
 * Runs several entry files in one node:test process, as `esb-e2e run` does for the entry files of one
 * environment's phase: each file is imported as node would run it, and the scenarios they register run side by
 * side, each under its own describe as in a process of its own (the run slots bound the cases in flight across
 * them). One process instead of one per file: loading the runner and the catalogue costs each process more than
 * a CPU second, and a run started a dozen of them at once.
 *
 * A file that fails to load becomes a failing test named after it; the other files' cases still run. A file
 * the run compiled (entry-compile.ts) is imported as compiled, and named as written.
 */
export async function registerEntryGroup(
  files: readonly string[],
  root: string,
  compiled: Readonly<Record<string, string>> = {},
): Promise<void> {
  const failures: { readonly file: string; readonly message: string }[] = [];
  const scenarios = await collectScenarios(async () => {
    for (const file of files) {
      try {
        await import(pathToFileURL(compiled[file] ?? file).href);
      } catch (error) {
        const name = relative(root, file);
        const why = error instanceof Error ? error.message : String(error);
        failures.push({ file: name, message: `${name} cannot be loaded: ${why}` });
      }
    }
  });
  for (const { file, message } of failures) registerFailingTest(file, message);
  if (scenarios.length === 0) return;
  describe(files.map((f) => relative(root, f)).join(' '), { concurrency: scenarios.length }, () => {
    for (const scenario of scenarios) registerScenario(scenario);
  });
}
