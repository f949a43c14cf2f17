/**
 * npm run testbed -- up --env <name> [--fault <name>]... [--show-secrets]
 * npm run testbed -- down --env <name>
 * npm run testbed -- faults
 */
import { parseArgs } from 'node:util';
import { SECRET_KEYS } from '../docker/credentials.ts';
import { PROFILE_NAMES } from '../docker/profiles.ts';
import { testbedDown } from '../docker/testbed-down.ts';
import { testbedUp } from '../docker/testbed-up.ts';
import { FAULT_TABLE, type FaultName, isFaultName } from '../faults/fault-table.ts';

const USAGE = `usage:
  npm run testbed -- up --env <${PROFILE_NAMES.join('|')}> [--fault <name>]... [--show-secrets]
  npm run testbed -- down --env <name>
  npm run testbed -- faults`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      env: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'show-secrets': { type: 'boolean' },
    },
  });
  if (command === 'faults') {
    const width = Math.max(...Object.keys(FAULT_TABLE).map((n) => n.length));
    for (const [name, fault] of Object.entries(FAULT_TABLE))
      process.stdout.write(`${name.padEnd(width)}  ${fault.service.padEnd(12)}  ${fault.description}\n`);
    return 0;
  }
  if ((command !== 'up' && command !== 'down') || values.env === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'down') {
    const result = await testbedDown(values.env);
    process.stderr.write(
      `${values.env}: removed ${result.removedContainers} containers${result.removedImage ? ' and the base image' : ''}\n`,
    );
    return 0;
  }
  const faults = values.fault ?? [];
  const unknown = faults.filter((f) => !isFaultName(f));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown fault switch(es): ${unknown.join(', ')}; list them with: npm run testbed -- faults\n`,
    );
    return 2;
  }
  const result = await testbedUp(values.env, faults as FaultName[]);
  for (const [key, value] of Object.entries(result.clientEnv)) {
    const shown =
      SECRET_KEYS.has(key) && !values['show-secrets'] ? `<redacted: see ${result.envFile}>` : value;
    process.stdout.write(`${key}=${shown}\n`);
  }
  process.stderr.write(
    `${values.env} is up in ${result.seconds.toFixed(1)} s${faults.length > 0 ? ` with faults ${faults.join(', ')}` : ''}; environment in ${result.envFile}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`testbed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
