import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: mounted into every container at the same path. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Per-profile state: data folders of the services and the client .env file. */
export function stateDir(env: string): string {
  return join(REPO_ROOT, '.testbed', env);
}

export function clientEnvFile(env: string): string {
  return join(REPO_ROOT, '.testbed', `${env}.env`);
}
