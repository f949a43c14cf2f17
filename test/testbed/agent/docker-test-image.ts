/**
 * A throw-away worker image for the Docker tests, built the way the testbed builds its base image (no
 * registry is reachable): `docker import` of a tar holding only an empty root file system. Node comes from
 * the host's `/usr`, bind-mounted by the backend.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';

export async function buildTestImage(docker: Dockerode, repository: string): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const work = mkdtempSync(join(tmpdir(), 'esb-agent-image-'));
  try {
    const root = join(work, 'root');
    mkdirSync(root);
    for (const dir of ['usr', 'tmp', 'proc', 'sys', 'dev', 'etc']) mkdirSync(join(root, dir));
    for (const dir of ['bin', 'lib', 'lib64']) symlinkSync(`usr/${dir}`, join(root, dir));
    // A real directory, not a link into /usr: Docker mounts its init binary at /sbin/docker-init, and
    // through a link that mount point would sit under the read-only /usr bind, so `Init: true` would fail.
    mkdirSync(join(root, 'sbin'));
    const tarFile = join(work, 'rootfs.tar');
    const tar = spawnSync('tar', ['-C', root, '-cf', tarFile, '.'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    const progress = await docker.importImage(tarFile, { repo: repository, tag });
    let output = '';
    for await (const chunk of progress) output += String(chunk);
    if (/"error"/.test(output)) throw new Error(`docker import failed: ${output}`);
    return `${repository}:${tag}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
