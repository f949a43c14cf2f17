import type { ServiceConfig } from '../shared/service-env.ts';
import { TESTBED_PORT_OFFSETS, type TestbedInstance, testbedInstance } from './testbed-instance.ts';

/** A testbed profile: one ESB environment of the matrix, with its own port block and compose project. */
export interface TestbedProfile {
  readonly env: string;
  readonly mode: 'docker' | 'containerd';
  readonly projectName: string;
  readonly ports: ServiceConfig['ports'];
}

/** Port blocks of 100, environments sorted by name (as ESB's runner plans them), from 18000. */
const BLOCKS: Record<string, { base: number; mode: 'docker' | 'containerd' }> = {
  'e2e-containerd': { base: 18000, mode: 'containerd' },
  'e2e-docker': { base: 18100, mode: 'docker' },
};

export const PROFILE_NAMES = Object.keys(BLOCKS);

/** The highest port of any testbed of any set (a profile's block spans 100 ports from its base). */
export const HIGHEST_TESTBED_PORT =
  Math.max(...Object.values(BLOCKS).map((b) => b.base)) + Math.max(...TESTBED_PORT_OFFSETS) + 99;

/** The profile of an environment in a set of testbeds (testbed-instance.ts; default: ESB_TESTBED_INSTANCE's). */
export function profileFor(env: string, instance: TestbedInstance = testbedInstance()): TestbedProfile {
  const block = BLOCKS[env];
  if (block === undefined)
    throw new Error(`unknown testbed environment '${env}'; known: ${PROFILE_NAMES.join(', ')}`);
  const { mode } = block;
  const base = block.base + instance.portOffset;
  return {
    env,
    mode,
    projectName: instance.name === undefined ? `esb-${env}` : `esb-${instance.name}-${env}`,
    ports: {
      gateway: base,
      agent: base + 2,
      agentMetrics: base + 3,
      victorialogs: base + 4,
      database: base + 5,
      s3: base + 6,
      workerMin: base + 20,
      workerMax: base + 99,
    },
  };
}
