#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on load so the package ships no build step.
import { register } from 'tsx/esm/api';

register();
const { runGuarded } = await import('../runner/cli/last-resort.ts');
await runGuarded('esb-e2e', async () => {
  // Loaded inside the guard: an error while loading the commands is reported like any other.
  const { main } = await import('../runner/cli/main.ts');
  // The composition root: the runner never imports the testbed; its run target is handed in here, first, so that
  // it is the default (it loads its Docker code only when a run uses it).
  const { TESTBED_TARGET } = await import('../testbed/target/testbed-target.ts');
  const { EXTERNAL_TARGET } = await import('../runner/targets/external-target.ts');
  return main(process.argv.slice(2), { targets: [TESTBED_TARGET, EXTERNAL_TARGET] });
});
