import type { ServiceConfig } from '../shared/service-env.ts';

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

export function profileFor(env: string): TestbedProfile {
  const block = BLOCKS[env];
  if (block === undefined)
    throw new Error(`unknown testbed environment '${env}'; known: ${PROFILE_NAMES.join(', ')}`);
  const { base, mode } = block;
  return {
    env,
    mode,
    projectName: `esb-${env}`,
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
