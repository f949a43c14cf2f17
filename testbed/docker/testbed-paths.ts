import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TestbedInstance, testbedInstance } from './testbed-instance.ts';

/** The repository root: mounted into every container at the same path. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** .testbed/ for the default set of testbeds, .testbed/<instance>/ for another (testbed-instance.ts). */
function stateRoot(instance: TestbedInstance): string {
  return instance.name === undefined
    ? join(REPO_ROOT, '.testbed')
    : join(REPO_ROOT, '.testbed', instance.name);
}

/** Per-profile state: data folders of the services and the client .env file. */
export function stateDir(env: string, instance: TestbedInstance = testbedInstance()): string {
  return join(stateRoot(instance), env);
}

export function clientEnvFile(env: string, instance: TestbedInstance = testbedInstance()): string {
  return join(stateRoot(instance), `${env}.env`);
}

/**
 * Where a run on the testbed target keeps the service and worker logs of an environment in which a case failed
 * (the containers go with the testbed). Outside stateDir, which `down` removes.
 */
export function logsDir(env: string, instance: TestbedInstance = testbedInstance()): string {
  return join(stateRoot(instance), 'logs', env);
}
