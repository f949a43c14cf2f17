import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import Dockerode from 'dockerode';
import { isNotFound, isRemovalInProgress } from '../../shared/docker-errors.ts';
import { containerMetricsFrom } from './docker-metrics.ts';
import { defaultWorkerEntry } from './process-backend.ts';
import { postAssignment } from './spare-assign.ts';
import type { ContainerMetrics, WorkerBackend, WorkerLaunch, WorkerRecord } from './worker-backend.ts';
import { workerNodeArgs } from './worker-command.ts';
import { spareEnvironment, workerEnvironment } from './worker-env.ts';
import { WORKER_LABEL, WORKER_ROLE, workerLabels } from './worker-labels.ts';

export const DOCKER_SOCKET = '/var/run/docker.sock';

export interface DockerBackendOptions {
  /** Defaults to the engine on /var/run/docker.sock. */
  readonly docker?: Dockerode;
  /** The testbed's locally built base image, e.g. `esb-testbed-base:1`: an empty root file system. */
  readonly image: string;
  /** The project checkout on the host; mounted read-only at the same path and used as working directory. */
  readonly repoPath: string;
  /** PROJECT_NAME: container names, the compose project label and the owner label. */
  readonly projectName: string;
  /** The agent's service environment; each worker adds FUNCTION_NAME and WORKER_PORT. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /**
   * The worker runtime: the testbed's bundle (plain node) or a TypeScript entry (run through tsx). Defaults to
   * `<repoPath>/testbed/services/worker/main.ts`; must lie under repoPath to be mounted.
   */
  readonly workerEntry?: string;
}

/**
 * Runs each worker in its own container, the way the testbed runs every service: host networking, an init
 * process as PID 1, `/usr` (node) and the project bind-mounted read-only, and the function's memory limit.
 * Containers outlive the agent; a restarted agent finds them again through `list`.
 */
export function createDockerBackend(options: DockerBackendOptions): WorkerBackend {
  const docker = options.docker ?? new Dockerode({ socketPath: DOCKER_SOCKET });
  // Normalised (no trailing slash) so the bind mount reads `<repo>:<repo>:ro` whatever the caller passed.
  const repoPath = resolve(options.repoPath);
  const entry = options.workerEntry ?? defaultWorkerEntry(repoPath);

  const workerName = (functionName: string, suffix: string) =>
    `${options.projectName}-worker-${functionName}-${suffix}`;
  const workerPrefix = `${options.projectName}-worker-`;
  /** The function of a listed container: its label, or for an assigned spare its name (`assign`). */
  const functionOf = (labels: Record<string, string>, name: string): string => {
    const labelled = labels[WORKER_LABEL.functionName] ?? '';
    if (labelled !== '' || !name.startsWith(workerPrefix)) return labelled;
    return name.slice(workerPrefix.length, -9);
  };

  /** Creates and starts one container running the worker entry; its id. */
  async function start(
    name: string,
    env: Record<string, string>,
    labels: Record<string, string>,
    memoryBytes: number | undefined,
  ): Promise<string> {
    const container = await docker.createContainer({
      name,
      Image: options.image,
      Cmd: ['/usr/bin/node', ...workerNodeArgs(entry)],
      WorkingDir: repoPath,
      Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
      Labels: labels,
      HostConfig: {
        NetworkMode: 'host',
        Init: true,
        ...(memoryBytes === undefined ? {} : { Memory: memoryBytes }),
        Binds: ['/usr:/usr:ro', `${repoPath}:${repoPath}:ro`],
        // Workers are disposable: a dead one is evicted by the gateway, never restarted in place.
        RestartPolicy: { Name: 'no' },
      },
    });
    try {
      await container.start();
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
    return container.id;
  }

  const inspect = async (id: string): Promise<Dockerode.ContainerInspectInfo | undefined> => {
    try {
      return await docker.getContainer(id).inspect();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  return {
    kind: 'docker',

    async create(launch: WorkerLaunch): Promise<WorkerRecord> {
      const name = workerName(launch.functionName, randomBytes(4).toString('hex'));
      const id = await start(
        name,
        workerEnvironment(options.serviceEnv, launch.functionName, launch.port),
        workerLabels(options.projectName, launch.functionName, launch.port),
        launch.memoryBytes,
      );
      return { id, name, functionName: launch.functionName, host: '127.0.0.1', port: launch.port };
    },

    async createSpare(port: number): Promise<WorkerRecord> {
      const name = `${options.projectName}-spare-${randomBytes(4).toString('hex')}`;
      // The function label stays empty for good (labels cannot change): an assigned spare's function is in
      // its name, which `assign` sets and `list` reads.
      const id = await start(
        name,
        spareEnvironment(options.serviceEnv, port),
        workerLabels(options.projectName, '', port),
        undefined,
      );
      return { id, name, functionName: '', host: '127.0.0.1', port };
    },

    async assign(spare: WorkerRecord, launch: WorkerLaunch): Promise<WorkerRecord> {
      const container = docker.getContainer(spare.id);
      const name = workerName(launch.functionName, spare.name.slice(-8));
      // Side by side: the limit and the name are the engine's, the function is the process's.
      await Promise.all([
        launch.memoryBytes === undefined
          ? undefined
          : // Swap as `docker run --memory` alone gives it: as much again as the memory.
            container.update({ Memory: launch.memoryBytes, MemorySwap: 2 * launch.memoryBytes }),
        container.rename({ name }),
        postAssignment(spare, workerEnvironment(options.serviceEnv, launch.functionName, spare.port)),
      ]);
      return { ...spare, name, functionName: launch.functionName };
    },

    async remove(id: string): Promise<void> {
      try {
        await docker.getContainer(id).remove({ force: true });
      } catch (error) {
        // Gone already, or a removal already under way: either way it will not be there.
        if (!isNotFound(error) && !isRemovalInProgress(error)) throw error;
      }
    },

    async list(): Promise<WorkerRecord[]> {
      const containers = await docker.listContainers({
        all: true,
        filters: {
          label: [`${WORKER_LABEL.owner}=${options.projectName}`, `${WORKER_LABEL.role}=${WORKER_ROLE}`],
        },
      });
      return containers.map((c) => {
        const name = (c.Names[0] ?? c.Id).replace(/^\//, '');
        return {
          id: c.Id,
          name,
          functionName: functionOf(c.Labels, name),
          host: '127.0.0.1',
          port: Number(c.Labels[WORKER_LABEL.port] ?? 0),
        } satisfies WorkerRecord;
      });
    },

    async isRunning(id: string): Promise<boolean> {
      return (await inspect(id))?.State.Running ?? false;
    },

    async metrics(id: string): Promise<ContainerMetrics | undefined> {
      const info = await inspect(id);
      if (info === undefined) return undefined;
      // One-shot: a single sample, without the engine's one-second wait for a second CPU reading.
      const stats = info.State.Running
        ? await docker.getContainer(id).stats({ stream: false, 'one-shot': true })
        : undefined;
      return containerMetricsFrom(
        info,
        stats,
        new Date(),
        functionOf(info.Config.Labels, info.Name.replace(/^\//, '')),
      );
    },
  };
}
