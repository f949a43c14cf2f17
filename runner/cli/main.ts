import { fileURLToPath } from 'node:url';
import { listCommand } from './list-command.ts';
import { runCommand } from './run-command.ts';

/** A subcommand: gets its own arguments and the project root, returns the exit code. */
export type Command = (args: string[], root: string) => Promise<number> | number;

/** Every subcommand, registered by name. */
const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  list: { run: listCommand, summary: 'list the expanded cases: esb-e2e list [--env E] [--suite S] [--json]' },
  run: {
    run: runCommand,
    summary: 'run the cases on node:test: esb-e2e run [--env E] [--suite S] [--id ID] … (esb-e2e run --help)',
  },
};

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

function usage(): string {
  const lines = ['usage: esb-e2e <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', 'ESB_E2E_ROOT selects another project root (default: this package).');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`esb-e2e: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return command.run(rest, process.env.ESB_E2E_ROOT ?? PROJECT_ROOT);
}
