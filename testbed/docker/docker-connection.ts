import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';

export const DOCKER_SOCKET = '/var/run/docker.sock';
const SETUP_SCRIPT = fileURLToPath(new URL('./setup-docker.sh', import.meta.url));

/** Runs setup-docker.sh (install docker.io, start dockerd) and returns a client once the engine answers. */
export async function connectDocker(): Promise<Docker> {
  try {
    execFileSync('bash', [SETUP_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new Error('no Docker engine: setup-docker.sh could not provide one (see its message above)');
  }
  const docker = new Docker({ socketPath: DOCKER_SOCKET });
  await docker.ping();
  return docker;
}
