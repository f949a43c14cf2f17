import { rmSync } from 'node:fs';
import { isNotFound, isRemovalInProgress } from '../shared/docker-errors.ts';
import { removeBaseImageIfUnused } from './base-image.ts';
import { projectFilter, SERVICE_LABEL } from './compose-labels.ts';
import { connectDocker } from './docker-connection.ts';
import { profileFor } from './profiles.ts';
import { type TestbedInstance, testbedInstance } from './testbed-instance.ts';
import { clientEnvFile, stateDir } from './testbed-paths.ts';

/** Lists and removals a `down` repeats at most, should workers keep appearing (they cannot once the agent is gone). */
const MAX_PASSES = 3;

/** Removal order: the gateway (it asks for workers), the agent (it starts them), then workers and the rest. */
function removalRank(labels: Readonly<Record<string, string>>): number {
  const service = labels[SERVICE_LABEL];
  return service === 'gateway' ? 0 : service === 'agent' ? 1 : 2;
}

export interface DownResult {
  readonly removedContainers: number;
  readonly removedImage: boolean;
}

/**
 * Removes everything `up` made for one environment: its service and worker containers (by compose project
 * label), its data folders and .env file, and the base image once no testbed uses it.
 */
export async function testbedDown(
  env: string,
  instance: TestbedInstance = testbedInstance(),
): Promise<DownResult> {
  const profile = profileFor(env, instance);
  const docker = await connectDocker();
  const removed = new Set<string>();
  // The gateway and the agent still create and remove workers while they run (a pool reaped for idleness, a
  // worker that crashed): stop them first, then remove what is left, and list again until nothing is.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const containers = await docker.listContainers({
      all: true,
      filters: projectFilter(profile.projectName),
    });
    if (containers.length === 0) break;
    const remove = async (id: string) => {
      try {
        await docker.getContainer(id).remove({ force: true, v: true });
      } catch (error) {
        // Already gone, or going: the agent removed that worker itself meanwhile.
        if (!isNotFound(error) && !isRemovalInProgress(error)) throw error;
      }
      removed.add(id);
    };
    // In rank order, each rank's containers at once: one after the other, a testbed took seconds to go.
    for (const rank of [0, 1, 2])
      await Promise.all(containers.filter((c) => removalRank(c.Labels) === rank).map((c) => remove(c.Id)));
  }
  rmSync(stateDir(env, instance), { recursive: true, force: true });
  rmSync(clientEnvFile(env, instance), { force: true });
  const removedImage = await removeBaseImageIfUnused(docker);
  return { removedContainers: removed.size, removedImage };
}
