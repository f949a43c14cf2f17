#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on load so the package ships no build step.
import { register } from 'tsx/esm/api';

register();
const { runGuarded } = await import('../runner/cli/last-resort.ts');
await runGuarded('esb-e2e', async () => {
  // Loaded inside the guard: an error while loading the commands is reported like any other.
  const { main } = await import('../runner/cli/main.ts');
  return main(process.argv.slice(2));
});
