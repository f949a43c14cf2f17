import { CommandExit, cliIo } from '../config/command-io.ts';
import { EXTERNAL_TARGET } from '../targets/external-target.ts';
import type { RunTargets } from '../targets/run-target.ts';
import { didYouMean } from '../text/closest-name.ts';
import { DEBUG_VARIABLE, INTERNAL_ERROR_EXIT } from './last-resort.ts';
import { LIST_USAGE } from './list-args.ts';
import { MERGE_USAGE } from './merge-usage.ts';
import { MUTATE_USAGE } from './mutate-usage.ts';
import { packageVersion } from './package-version.ts';
import { UsageError, wantsHelp } from './parse-options.ts';
import { ProjectRootError, projectRoot, ROOT_VARIABLE } from './project-root.ts';
import { runUsage } from './run-args.ts';

/** A subcommand: gets its own arguments (and the project root on demand), returns the exit code. */
interface CommandEntry {
  /** One line in the list of commands. */
  readonly summary: string;
  /** What `esb-e2e <name> --help` prints; its first line is the synopsis, shown after a usage error. */
  readonly usage: string;
  /** Gets the project root on demand: commands that read no catalogue work despite a bad ESB_E2E_ROOT. */
  readonly run: (args: string[], root: () => string) => Promise<number> | number;
}

const HELP_USAGE = 'usage: esb-e2e help [<command>]\n  the commands, or the options of one command';
const VERSION_USAGE = 'usage: esb-e2e version (or esb-e2e --version, -V)\n  the version of esb-e2e';

/** What the composition root (bin/esb-e2e.mjs) hands to the CLI. */
export interface CliParts {
  /** The table of run targets, the default first (default: the external target alone, the runner's own). */
  readonly targets?: RunTargets;
}

/** Every subcommand by name; a Map, so that only these names are commands (not `toString`, `__proto__`). */
function commandTable(targets: RunTargets): ReadonlyMap<string, CommandEntry> {
  const commands: ReadonlyMap<string, CommandEntry> = new Map<string, CommandEntry>([
    [
      'list',
      {
        summary: 'list the expanded cases, as a table or JSON',
        usage: LIST_USAGE,
        // Loaded on use: help, version and usage errors answer without loading the runner.
        run: async (args, root) => (await import('./list-command.ts')).listCommand(args, root()),
      },
    ],
    [
      'run',
      {
        summary: 'run the cases on fresh local testbeds or against an external ESB',
        usage: runUsage(targets),
        run: async (args, root) => (await import('./run-command.ts')).runCommand(args, root(), targets),
      },
    ],
    [
      'mutate',
      {
        summary: 'show which wrong answers of the platform the selected cases would not notice',
        usage: MUTATE_USAGE,
        run: async (args, root) => (await import('./mutate-command.ts')).mutateCommand(args, root(), targets),
      },
    ],
    [
      'merge-reports',
      {
        summary: "merge the JSON reports of a run's shards into one run: closing table, JUnit, JSON",
        usage: MERGE_USAGE,
        run: async (args) => (await import('./merge-command.ts')).mergeCommand(args),
      },
    ],
    [
      'help',
      {
        summary: 'the commands, or the options of one: esb-e2e help <command>',
        usage: HELP_USAGE,
        run: (args) => helpCommand(args, commands),
      },
    ],
    [
      'version',
      {
        summary: 'the version of esb-e2e (also --version, -V)',
        usage: VERSION_USAGE,
        run: (args) => versionCommand(args),
      },
    ],
  ]);
  return commands;
}

/** Spellings that stand for a command. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['--help', 'help'],
  ['-h', 'help'],
  ['--version', 'version'],
  ['-V', 'version'],
]);

function usage(commands: ReadonlyMap<string, CommandEntry>): string {
  const lines = ['usage: esb-e2e <command> [options]', '', 'commands:'];
  const width = Math.max(...[...commands.keys()].map((name) => name.length));
  for (const [name, c] of commands) lines.push(`  ${name.padEnd(width)}  ${c.summary}`);
  lines.push(
    '',
    'esb-e2e <command> --help (or esb-e2e help <command>) lists the options of a command.',
    '',
    'environment:',
    `  ${ROOT_VARIABLE}   the project root, a folder with catalog/ and environments/ (default: the nearest folder`,
    `                 at or above the current one that holds catalog/, else this package)`,
    `  ${DEBUG_VARIABLE}  1: an internal error prints its stack trace, not one line`,
    '',
    `exit codes: 0 success; 1 a case failed or none passed (run); 2 a usage, configuration or catalogue error;`,
    `  130, 143, 129 a run stopped by SIGINT, SIGTERM, SIGHUP; ${INTERNAL_ERROR_EXIT} an internal error (a bug)`,
  );
  return lines.join('\n');
}

class UnknownCommandError extends UsageError {
  constructor(name: string, commands: ReadonlyMap<string, CommandEntry>) {
    const names = [...commands.keys()];
    super(`unknown command '${name}';${didYouMean(name, names) || ` the commands are ${names.join(', ')}`}`);
  }
}

function commandNamed(name: string, commands: ReadonlyMap<string, CommandEntry>): CommandEntry {
  const command = commands.get(ALIASES.get(name) ?? name);
  if (command === undefined) throw new UnknownCommandError(name, commands);
  return command;
}

function helpCommand(args: string[], commands: ReadonlyMap<string, CommandEntry>): number {
  if (args.length > 1) throw new UsageError(`help takes one command name, not ${args.length}`);
  const [name] = args;
  cliIo().stdout(`${name === undefined ? usage(commands) : commandNamed(name, commands).usage}\n`);
  return 0;
}

function versionCommand(args: string[]): number {
  if (args.length > 0) throw new UsageError(`version takes no arguments, not '${args.join(' ')}'`);
  cliIo().stdout(`esb-e2e ${packageVersion()}\n`);
  return 0;
}

/**
 * Runs `esb-e2e <argv>` with the parts the composition root gives (the run targets); usage and project root
 * errors print one line and return 2.
 */
export async function main(argv: string[], parts: CliParts = {}): Promise<number> {
  const commands = commandTable(parts.targets ?? [EXTERNAL_TARGET]);
  const [name, ...rest] = argv;
  if (name === undefined) {
    cliIo().stderr(`${usage(commands)}\n`);
    return 2;
  }
  let program = 'esb-e2e';
  let synopsis = 'usage: esb-e2e <command> [options]';
  try {
    const command = commandNamed(name, commands);
    program = `esb-e2e ${ALIASES.get(name) ?? name}`;
    synopsis = command.usage.split('\n')[0] ?? synopsis;
    if (wantsHelp(rest)) {
      cliIo().stdout(`${command.usage}\n`);
      return 0;
    }
    const root = () =>
      projectRoot({
        name: ROOT_VARIABLE,
        given: cliIo().env[ROOT_VARIABLE],
        unset: `unset ${ROOT_VARIABLE}`,
      });
    return await command.run(rest, root);
  } catch (error) {
    if (error instanceof CommandExit) return error.exitCode;
    if (error instanceof ProjectRootError) {
      cliIo().stderr(`${program}: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    // The problem and its fix on one line, then the command's synopsis and where its help is.
    cliIo().stderr(`${program}: ${error.message}\n${synopsis}; see: ${program} --help\n`);
    return 2;
  }
}
