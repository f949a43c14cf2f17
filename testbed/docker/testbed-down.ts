import { rmSync } from 'node:fs';
import { removeBaseImageIfUnused } from './base-image.ts';
import { projectFilter } from './compose-labels.ts';
import { connectDocker } from './docker-connection.ts';
import { profileFor } from './profiles.ts';
import { clientEnvFile, stateDir } from './testbed-paths.ts';

export interface DownResult {
  readonly removedContainers: number;
  readonly removedImage: boolean;
}

/**
 * Removes everything `up` made for one environment: its service and worker containers (by compose project
 * label), its data folders and .env file, and the base image once no testbed uses it.
 */
export async function testbedDown(env: string): Promise<DownResult> {
  const profile = profileFor(env);
  const docker = await connectDocker();
  const containers = await docker.listContainers({ all: true, filters: projectFilter(profile.projectName) });
  // Workers first, so a still-running agent cannot restart them; then the services.
  containers.sort(
    (a, b) =>
      Number(b.Labels['esb.testbed.role'] === 'worker') - Number(a.Labels['esb.testbed.role'] === 'worker'),
  );
  for (const info of containers) await docker.getContainer(info.Id).remove({ force: true, v: true });
  rmSync(stateDir(env), { recursive: true, force: true });
  rmSync(clientEnvFile(env), { force: true });
  const removedImage = await removeBaseImageIfUnused(docker);
  return { removedContainers: containers.length, removedImage };
}
