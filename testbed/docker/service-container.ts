import type Docker from 'dockerode';
import { CNI_DIR, CNI_DIR_ENV } from '../shared/cni-identity.ts';
import { BASE_IMAGE } from './base-image.ts';
import { composeLabels } from './compose-labels.ts';
import type { TestbedProfile } from './profiles.ts';
import type { ServiceSpec } from './service-specs.ts';

export interface ServiceContainerOptions {
  readonly profile: TestbedProfile;
  readonly spec: ServiceSpec;
  readonly repo: string;
  /** Host folder mounted at /data, for services that keep data. */
  readonly dataDir?: string;
  readonly env: Record<string, string>;
  readonly restartPolicy: 'unless-stopped' | 'no';
  /** The service's bundle (testbed/build/service-bundles.ts); without one, its TypeScript entry through tsx. */
  readonly bundle?: string;
  /** Host folder of the CNI identity, mounted at /var/lib/cni for the services that share it. */
  readonly cniDir?: string;
}

/** Docker's PATH for a container of an image that sets none. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Creates and starts one service container: host networking, tini as PID 1 (Init) so SIGTERM reaches node,
 * compose labels, the host's /usr and /etc/ssl and the project bind-mounted read-only.
 */
export async function startServiceContainer(
  docker: Docker,
  options: ServiceContainerOptions,
): Promise<Docker.Container> {
  const { profile, spec, repo } = options;
  const binds = ['/usr:/usr:ro', '/etc/ssl:/etc/ssl:ro', `${repo}:${repo}:ro`];
  if (options.dataDir !== undefined) binds.push(`${options.dataDir}:/data`);
  if (spec.usesDocker) binds.push('/var/run/docker.sock:/var/run/docker.sock');
  const extraEnv: Record<string, string> = {};
  if (spec.sharesCni && options.cniDir !== undefined) {
    binds.push(`${options.cniDir}:${CNI_DIR}`);
    extraEnv[CNI_DIR_ENV] = CNI_DIR;
  }
  if (spec.pathFirst !== undefined)
    extraEnv.PATH = [...spec.pathFirst.map((dir) => `${repo}/${dir}`), DEFAULT_PATH].join(':');
  const container = await docker.createContainer({
    name: `${profile.projectName}-${spec.name}`,
    Image: BASE_IMAGE,
    Cmd:
      options.bundle === undefined
        ? ['/usr/bin/node', '--import', 'tsx', '--enable-source-maps', `${repo}/${spec.entry}`]
        : ['/usr/bin/node', '--enable-source-maps', options.bundle],
    WorkingDir: repo,
    Env: Object.entries({ ...options.env, ...extraEnv, DATA_DIR: '/data', HOME: '/root' }).map(
      ([k, v]) => `${k}=${v}`,
    ),
    Labels: composeLabels(profile.projectName, spec.name),
    HostConfig: {
      NetworkMode: 'host',
      Init: true,
      RestartPolicy: { Name: options.restartPolicy },
      Binds: binds,
    },
  });
  await container.start();
  return container;
}
