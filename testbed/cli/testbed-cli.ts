/**
 * npm run testbed -- up --env <name> [--fault <name>]... [--show-secrets]
 * npm run testbed -- down --env <name>
 * npm run testbed -- faults
 * npm run testbed -- [help] [<command>] --help
 */
import { runGuarded } from '../../runner/cli/last-resort.ts';
import { testbedCommand } from './testbed-command.ts';

await runGuarded('testbed', () => testbedCommand(process.argv.slice(2)));
// A start leaves Docker connections and timers behind; the command is done either way.
process.exit();
