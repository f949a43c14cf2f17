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

/**
 * The known sets: their port blocks must not overlap (profiles.ts gives each environment 100 ports from 18000).
 * `platform` and `test-platform` are the second testbeds that `esb-e2e run` starts for the cases that take the
 * whole platform (platformLaneOf), of the default set and of the test set.
 */
const INSTANCES: Readonly<Record<string, number>> = { test: 1000, platform: 2000, 'test-platform': 3000 };

/** Every set's port offset, the default set's (0) first. */
export const TESTBED_PORT_OFFSETS: readonly number[] = [0, ...Object.values(INSTANCES)];

/** Suffix of the set that holds a set's second testbeds (testbed/target/testbed-target.ts). */
const PLATFORM_LANE = 'platform';

/** The set of the second testbeds beside a set's: `platform` beside the default set, `test-platform` beside test. */
export function platformLaneOf(instance: TestbedInstance): TestbedInstance {
  const name = instance.name === undefined ? PLATFORM_LANE : `${instance.name}-${PLATFORM_LANE}`;
  const portOffset = INSTANCES[name];
  if (portOffset === undefined)
    throw new UnknownInstanceError(`the set ${instance.name} has no platform lane`);
  return { name, portOffset };
}

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
