import { runGuarded } from '../runner/cli/last-resort.ts';

/**
 * The composition root: the runner never imports the testbed; its run target is handed in here, first, so that it
 * is the default (it loads its Docker code only when a run uses it). Everything is loaded inside the guard: an
 * error while loading the commands is reported like any other.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  await runGuarded('esb-e2e', async () => {
    const { main } = await import('../runner/cli/main.ts');
    const { TESTBED_TARGET } = await import('../testbed/target/testbed-target.ts');
    const { EXTERNAL_TARGET } = await import('../runner/targets/external-target.ts');
    return main([...argv], { targets: [TESTBED_TARGET, EXTERNAL_TARGET] });
  });
}
