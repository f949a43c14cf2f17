/** The testbed command (testbed-cli.ts is its program): up, down and faults, and their options. */

import {
  type OptionTable,
  type ParsedOptions,
  parseOptions,
  positiveSeconds,
  UsageError,
  wantsHelp,
} from '../../runner/cli/parse-options.ts';
import { cliIo } from '../../runner/config/command-io.ts';
import { redactorFromEnv } from '../../runner/config/redact.ts';
import { didYouMean } from '../../runner/text/closest-name.ts';
import { SECRET_KEYS } from '../docker/credentials.ts';
import { PROFILE_NAMES } from '../docker/profiles.ts';
import { TESTBED_INSTANCE_ENV, testbedInstance, UnknownInstanceError } from '../docker/testbed-instance.ts';
import { UP_TIMEOUT_SECONDS } from '../docker/up-timeout.ts';
import { FAULT_TABLE, type FaultName, isFaultName } from '../faults/fault-table.ts';
import {
  DEFAULT_ESB_REVISION,
  describeEsbRevisions,
  ESB_BEHAVIOURS,
  type EsbRevisionName,
  isEsbRevisionName,
} from '../revisions/esb-behaviour.ts';

type Run = (parsed: ParsedOptions) => Promise<number> | number;

interface Subcommand {
  /** What `npm run testbed -- <name> --help` prints; its first line is the synopsis shown after a usage error. */
  readonly usage: string;
  readonly options: OptionTable;
  readonly run: Run;
}

const ENVS = PROFILE_NAMES.join('|');

const USAGE = `usage: npm run testbed -- <command> [options]
  npm run testbed -- up --env <${ENVS}> [--esb <revision>] [--fault <name>]... [--timeout <s>] [--show-secrets]
  npm run testbed -- down --env <${ENVS}>
  npm run testbed -- faults
  npm run testbed -- <command> --help   the options of a command
environment:
  ${TESTBED_INSTANCE_ENV}=test   work on the project's test set of testbeds (compose projects esb-test-<env>,
                              ports 1000 higher, .testbed/test/), which npm test uses`;

/** --env: required, one of the profiles. */
function envOf(parsed: ParsedOptions): string {
  const env = parsed.string('env');
  if (env === undefined) throw new UsageError(`--env is required: one of ${PROFILE_NAMES.join(', ')}`);
  if (!PROFILE_NAMES.includes(env))
    throw new UsageError(
      `unknown environment '${env}';${didYouMean(env, PROFILE_NAMES)} the testbed knows ${PROFILE_NAMES.join(', ')}`,
    );
  try {
    testbedInstance(cliIo().env);
  } catch (error) {
    if (error instanceof UnknownInstanceError) throw new UsageError(error.message);
    throw error;
  }
  return env;
}

/** The longest --timeout of `up`: an hour; a testbed that is not up by then will not come up. */
const MAX_UP_TIMEOUT_SECONDS = 3600;

/** --timeout: seconds above 0 that `up` may take in all; undefined for the default. */
function upTimeoutOf(parsed: ParsedOptions): number | undefined {
  const text = parsed.string('timeout');
  return text === undefined ? undefined : positiveSeconds('timeout', text, MAX_UP_TIMEOUT_SECONDS, 300);
}

/** --esb: the ESB revision to stand in for (default DEFAULT_ESB_REVISION). */
function esbOf(parsed: ParsedOptions): EsbRevisionName {
  const name = parsed.string('esb');
  if (name === undefined) return DEFAULT_ESB_REVISION;
  if (!isEsbRevisionName(name))
    throw new UsageError(
      `unknown ESB revision '${name}';${didYouMean(name, Object.keys(ESB_BEHAVIOURS))} the testbed knows ${describeEsbRevisions()}`,
    );
  return name;
}

async function up(parsed: ParsedOptions): Promise<number> {
  const env = envOf(parsed);
  const esb = esbOf(parsed);
  const faults = parsed.strings('fault');
  const unknown = faults.filter((f) => !isFaultName(f));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown fault switch(es): ${unknown.join(', ')}; list them with: npm run testbed -- faults`,
    );
  // Docker code loads on use, so that help and usage errors answer at once.
  const timeout = upTimeoutOf(parsed);
  const { testbedUp } = await import('../docker/testbed-up.ts');
  const result = await testbedUp(env, faults as FaultName[], {
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    redactorFor: redactorFromEnv,
    esb,
  });
  for (const [key, value] of Object.entries(result.clientEnv)) {
    const shown =
      SECRET_KEYS.has(key) && !parsed.flag('show-secrets') ? `<redacted: see ${result.envFile}>` : value;
    cliIo().stdout(`${key}=${shown}\n`);
  }
  cliIo().stderr(
    `${env} is up in ${result.seconds.toFixed(1)} s as ESB ${esb}${faults.length > 0 ? ` with faults ${faults.join(', ')}` : ''}; environment in ${result.envFile}\n`,
  );
  return 0;
}

async function down(parsed: ParsedOptions): Promise<number> {
  const env = envOf(parsed);
  const { testbedDown } = await import('../docker/testbed-down.ts');
  const result = await testbedDown(env);
  cliIo().stderr(
    `${env}: removed ${result.removedContainers} containers${result.removedImage ? ' and the base image' : ''}\n`,
  );
  return 0;
}

function faults(): number {
  const width = Math.max(...Object.keys(FAULT_TABLE).map((n) => n.length));
  for (const [name, fault] of Object.entries(FAULT_TABLE))
    cliIo().stdout(`${name.padEnd(width)}  ${fault.service.padEnd(12)}  ${fault.description}\n`);
  return 0;
}

/** Every subcommand by name; a Map, so that only these names are commands (not `toString`). */
const SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map<string, Subcommand>([
  [
    'up',
    {
      usage: `usage: npm run testbed -- up --env <${ENVS}> [--esb <revision>] [--fault <name>]... [--timeout <s>] [--show-secrets]
  starts a fresh testbed and prints its client environment (also written to .testbed/<env>.env, mode 0600)
  --esb <revision> the ESB revision to behave as: ${describeEsbRevisions()}
  --fault <name>   switch a fault on (repeatable); npm run testbed -- faults lists them
  --timeout <s>    seconds the start may take in all (default ${UP_TIMEOUT_SECONDS}); a service that has not
                   answered by then is reported with its container's state and last log lines
  --show-secrets   print the credentials instead of <redacted>`,
      options: {
        env: { type: 'string' },
        esb: { type: 'string' },
        timeout: { type: 'string' },
        fault: { type: 'string', multiple: true },
        'show-secrets': { type: 'boolean' },
      },
      run: up,
    },
  ],
  [
    'down',
    {
      usage: `usage: npm run testbed -- down --env <${ENVS}>\n  removes the testbed's containers, data and image`,
      options: { env: { type: 'string' } },
      run: down,
    },
  ],
  [
    'faults',
    {
      usage:
        'usage: npm run testbed -- faults\n  every fault switch: its name, the service it breaks, what breaks',
      options: {},
      run: faults,
    },
  ],
]);

function subcommandNamed(name: string): Subcommand {
  const subcommand = SUBCOMMANDS.get(name);
  if (subcommand === undefined) {
    const names = [...SUBCOMMANDS.keys()];
    throw new UsageError(
      `unknown command '${name}';${didYouMean(name, names) || ` the commands are ${names.join(', ')}`}`,
    );
  }
  return subcommand;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    cliIo().stderr(`${USAGE}\n`);
    return 2;
  }
  let program = 'testbed';
  let synopsis = USAGE.split('\n')[0] ?? '';
  let help = 'npm run testbed -- --help';
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      const [topic, ...extra] = rest;
      if (extra.length > 0) throw new UsageError(`help takes one command name, not ${rest.length}`);
      cliIo().stdout(`${topic === undefined ? USAGE : subcommandNamed(topic).usage}\n`);
      return 0;
    }
    const subcommand = subcommandNamed(name);
    program = `testbed ${name}`;
    synopsis = subcommand.usage.split('\n')[0] ?? synopsis;
    help = `npm run testbed -- ${name} --help`;
    if (wantsHelp(rest)) {
      cliIo().stdout(`${subcommand.usage}\n`);
      return 0;
    }
    return await subcommand.run(parseOptions(rest, subcommand.options));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    cliIo().stderr(`${program}: ${error.message}\n${synopsis}; see: ${help}\n`);
    return 2;
  }
}

/**
 * `npm run testbed -- <argv>`: returns the exit code. Docker or a service that did not do as asked is one line
 * (the message says what) and exit 1; a bug still reaches the program's last-resort line.
 */
export async function testbedCommand(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    cliIo().stderr(`testbed: ${error.message}\n`);
    return 1;
  }
}
