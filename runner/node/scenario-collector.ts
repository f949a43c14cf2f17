/**
 * While the entry files of one `esb-e2e run` process are imported (entry-group.ts), their registerScenario calls
 * are collected here instead of registering at once: node:test runs a file's top-level tests one after another,
 * so each scenario's tests are registered later, side by side, under one describe.
 *
 * The list lives on the global object, not in this module: an entry file may load another copy of the runner
 * than the process's program does (tsx compiles an entry file of a project without "type": "module" to
 * CommonJS, and its require of 'esb-e2e' loads the sources again), and every copy must collect into one list.
 */
const SLOT = Symbol.for('esb-e2e.collected-scenarios');

interface CollectorSlot {
  [SLOT]?: string[];
}

const slot = globalThis as CollectorSlot;

/** True (and the scenario kept) while entry files are being collected. */
export function collectScenario(scenario: string): boolean {
  const collected = slot[SLOT];
  if (collected === undefined) return false;
  collected.push(scenario);
  return true;
}

/** Runs `load` (the imports of entry files) and returns the scenarios they registered, in call order. */
export async function collectScenarios(load: () => Promise<void>): Promise<string[]> {
  if (slot[SLOT] !== undefined) throw new Error('entry files are already being collected');
  const scenarios: string[] = [];
  slot[SLOT] = scenarios;
  try {
    await load();
  } finally {
    delete slot[SLOT];
  }
  return scenarios;
}
