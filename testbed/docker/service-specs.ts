import type { TestbedProfile } from './profiles.ts';

/** How `up` decides a service is ready: a URL that answers (any status unless `status` is given). */
export interface ReadinessProbe {
  readonly url: string;
  readonly status?: number;
}

/** A testbed service: a compose-style service name, its entry file, and its readiness probe. */
export interface ServiceSpec {
  readonly name: string;
  /** Entry file relative to the repository. */
  readonly entry: string;
  /** Keeps data across container restarts (bind-mounted at /data). */
  readonly hasData: boolean;
  /** Drives the Docker engine itself (the agent starts worker containers). */
  readonly usesDocker?: boolean;
  /** The modes that run it; absent: both. */
  readonly modes?: readonly ('docker' | 'containerd')[];
  /** Shares the CNI identity folder (containerd: the agent writes it, runtime-node reads it). */
  readonly sharesCni?: boolean;
  /** Folders of the project put first on its PATH (runtime-node's iptables stand-in). */
  readonly pathFirst?: readonly string[];
  /** How `up` knows it is ready; absent: once its container runs (it serves nothing). */
  probe?(profile: TestbedProfile): ReadinessProbe;
}

/** Start order: storage and logs first, then the agent (and runtime-node), then the gateway that needs them all. */
export const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'victorialogs',
    entry: 'testbed/services/victorialogs/main.ts',
    hasData: true,
    probe: (p) => ({ url: `http://127.0.0.1:${p.ports.victorialogs}/health` }),
  },
  {
    name: 'database',
    entry: 'testbed/services/database/main.ts',
    hasData: true,
    probe: (p) => ({ url: `http://127.0.0.1:${p.ports.database}/` }),
  },
  {
    name: 's3-storage',
    entry: 'testbed/services/s3-storage/main.ts',
    hasData: true,
    probe: (p) => ({ url: `http://127.0.0.1:${p.ports.s3}/` }),
  },
  {
    name: 'agent',
    entry: 'testbed/services/agent/main.ts',
    usesDocker: true,
    hasData: false,
    sharesCni: true,
    probe: (p) => ({ url: `http://127.0.0.1:${p.ports.agentMetrics}/metrics`, status: 200 }),
  },
  {
    // containerd's node: its NAT rules for the CNI network (contract-head §10), as the CNI check lists them.
    name: 'runtime-node',
    entry: 'testbed/services/runtime-node/main.ts',
    hasData: false,
    modes: ['containerd'],
    sharesCni: true,
    pathFirst: ['testbed/services/runtime-node/bin'],
  },
  {
    name: 'gateway',
    entry: 'testbed/services/gateway/main.ts',
    hasData: true,
    probe: (p) => ({ url: `https://127.0.0.1:${p.ports.gateway}/health`, status: 200 }),
  },
];

/** The services a testbed of a mode runs, in start order. */
export function servicesOf(mode: 'docker' | 'containerd'): readonly ServiceSpec[] {
  return SERVICES.filter((spec) => spec.modes === undefined || spec.modes.includes(mode));
}
