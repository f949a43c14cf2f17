/**
 * Labels on worker containers. The compose project label puts workers next to the services in
 * `docker ps --filter label=com.docker.compose.project=…`; the `esb.testbed.*` labels let an agent find
 * and adopt its project's workers after a restart, without any state of its own.
 */
export const WORKER_LABEL = {
  composeProject: 'com.docker.compose.project',
  role: 'esb.testbed.role',
  functionName: 'esb.testbed.function',
  owner: 'esb.testbed.owner',
  /** The worker's port, so an adopting agent knows where it listens without reading its environment. */
  port: 'esb.testbed.port',
} as const;

export const WORKER_ROLE = 'worker';

export function workerLabels(
  projectName: string,
  functionName: string,
  port: number,
): Record<string, string> {
  return {
    [WORKER_LABEL.composeProject]: projectName,
    [WORKER_LABEL.role]: WORKER_ROLE,
    [WORKER_LABEL.functionName]: functionName,
    [WORKER_LABEL.owner]: projectName,
    [WORKER_LABEL.port]: String(port),
  };
}
