/**
 * Which set of testbeds a command works on. The default set is the developer's (`npm run testbed -- up`,
 * `npm run e2e`); the `test` set is the project's own Docker tests, on their own compose projects, port blocks
 * and state folders, so a test run and a developer's running testbed (or a concurrent `npm run e2e`) never
 * meet. Chosen by ESB_TESTBED_INSTANCE.
 */
export const TESTBED_INSTANCE_ENV = 'ESB_TESTBED_INSTANCE';

export interface TestbedInstance {
  /** undefined for the default set. */
  readonly name: string | undefined;
  /** Added to every port of a profile's block. */
  readonly portOffset: number;
}

/** The known sets: their port blocks must not overlap (profiles.ts gives each environment 100 ports from 18000). */
const INSTANCES: Readonly<Record<string, number>> = { test: 1000 };

export class UnknownInstanceError extends Error {}

export function testbedInstance(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TestbedInstance {
  const name = env[TESTBED_INSTANCE_ENV]?.trim() ?? '';
  if (name === '') return { name: undefined, portOffset: 0 };
  const portOffset = INSTANCES[name];
  if (portOffset === undefined)
    throw new UnknownInstanceError(
      `${TESTBED_INSTANCE_ENV}=${name} is not a testbed set; known: ${Object.keys(INSTANCES).join(', ')} (unset for the default)`,
    );
  return { name, portOffset };
}
