import type Docker from 'dockerode';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
const ONE_OFF_LABEL = 'com.docker.compose.oneoff';

/** The compose project of the ESB under test (contract §10: `docker compose -p <PROJECT_NAME>`). */
export function projectNameFrom(env: Readonly<Record<string, string>>, hook: string): string {
  const project = env.PROJECT_NAME ?? '';
  if (project === '')
    throw new Error(
      `hook ${hook}: PROJECT_NAME is not set; the Docker hooks find containers by the label ` +
        `${PROJECT_LABEL}=<PROJECT_NAME>. Set it to the compose project of the ESB under test, e.g. esb-e2e-docker`,
    );
  return project;
}

export interface ServiceSelector {
  readonly project: string;
  readonly service: string;
}

/**
 * The containers of one compose service, like `docker compose -p P ps -q S` (running only) or `ps -a -q S`
 * (every state); one-off `compose run` containers excluded, ordered by name so repeated calls agree.
 */
export async function serviceContainers(
  docker: Docker,
  { project, service }: ServiceSelector,
  states: 'running' | 'all',
  signal?: AbortSignal,
): Promise<Docker.ContainerInfo[]> {
  const containers = await docker.listContainers({
    all: states === 'all',
    filters: { label: [`${PROJECT_LABEL}=${project}`, `${SERVICE_LABEL}=${service}`] },
    abortSignal: signal,
  });
  return containers
    .filter((c) => c.Labels[ONE_OFF_LABEL] !== 'True')
    .sort((a, b) => (a.Names[0] ?? a.Id).localeCompare(b.Names[0] ?? b.Id));
}

/** The error for a service with no container: names what was searched and how to look for yourself. */
export function noContainerError(hook: string, { project, service }: ServiceSelector, states: string): Error {
  return new Error(
    `hook ${hook}: no ${states} container of service '${service}' in compose project '${project}'; ` +
      `check the service name and PROJECT_NAME, and list them with: ` +
      `docker ps -a --filter label=${PROJECT_LABEL}=${project} --filter label=${SERVICE_LABEL}=${service}`,
  );
}
