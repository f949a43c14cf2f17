import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { isImageInUse, isNotFound } from '../shared/docker-errors.ts';

/** The one image every testbed container runs: an empty root file system; /usr and the project are mounted. */
export const BASE_IMAGE = 'esb-testbed-rootfs:1';

/**
 * Imports the base image when missing. No registry is reachable, so the image is a tarball of the merged-/usr
 * symlinks and empty mount points; programs come from the host's /usr, bind-mounted read-only.
 */
export function ensureBaseImage(docker: Docker): Promise<void> {
  // One import at a time in a process: testbeds starting side by side (a run's environments and their lanes)
  // would each import it, and every import but the last would stay behind as an untagged image.
  importing ??= importIfMissing(docker).finally(() => {
    importing = undefined;
  });
  return importing;
}

let importing: Promise<void> | undefined;

async function importIfMissing(docker: Docker): Promise<void> {
  const existing = await docker.listImages({ filters: { reference: [BASE_IMAGE] } });
  if (existing.length > 0) return;
  const root = mkdtempSync(join(tmpdir(), 'esb-testbed-rootfs-'));
  try {
    // /sbin stays a real folder: Docker mounts its init (tini) at /sbin/docker-init, which cannot live on the
    // read-only /usr mount that a /sbin -> usr/sbin link would lead to.
    for (const dir of ['usr', 'etc', 'sbin', 'tmp', 'proc', 'sys', 'dev', 'data', 'root', 'var/tmp'])
      mkdirSync(join(root, dir), { recursive: true });
    for (const [link, target] of [
      ['bin', 'usr/bin'],
      ['lib', 'usr/lib'],
      ['lib64', 'usr/lib64'],
    ])
      symlinkSync(target as string, join(root, link as string));
    const tarball = join(root, '..', `${root.split('/').pop()}.tar`);
    execFileSync('tar', ['-C', root, '-cf', tarball, '.']);
    const [repo, tag] = BASE_IMAGE.split(':');
    const stream = await docker.importImage(tarball, { repo, tag });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
    );
    rmSync(tarball, { force: true });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Removes the base image when no container uses it any more (the last `down`). */
export async function removeBaseImageIfUnused(docker: Docker): Promise<boolean> {
  const users = await docker.listContainers({ all: true, filters: { ancestor: [BASE_IMAGE] } });
  if (users.length > 0) return false;
  const existing = await docker.listImages({ filters: { reference: [BASE_IMAGE] } });
  if (existing.length === 0) return false;
  try {
    await docker.getImage(BASE_IMAGE).remove({ force: true });
  } catch (error) {
    // Testbeds go down side by side (an environment's two lanes): another one removed it first, or one that is
    // starting took it meanwhile. Either way it is not this `down`'s to remove.
    if (isNotFound(error) || isImageInUse(error)) return false;
    throw error;
  }
  return true;
}
