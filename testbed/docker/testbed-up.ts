import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServiceBundles } from '../build/service-bundles.ts';
import { buildWorkerBundle } from '../build/worker-bundle.ts';
import type { FaultName } from '../faults/fault-table.ts';
import { DEFAULT_ESB_REVISION, type EsbRevisionName } from '../revisions/esb-behaviour.ts';
import { IMAGE_ENV, REPO_ENV, WORKER_ENTRY_ENV } from '../services/agent/agent-env.ts';
import { clientEnvironment } from '../shared/client-env.ts';
import { isNotFound } from '../shared/docker-errors.ts';
import { BASE_IMAGE, ensureBaseImage } from './base-image.ts';
import { projectFilter } from './compose-labels.ts';
import { generateCredentials } from './credentials.ts';
import { connectDocker } from './docker-connection.ts';
import { portIsFree } from './port-check.ts';
import { profileFor } from './profiles.ts';
import { NotReadyError, waitReady } from './readiness.ts';
import { startServiceContainer } from './service-container.ts';
import { containerEnvironment, profileConfig } from './service-env-for.ts';
import { servicesOf } from './service-specs.ts';
import { describeNotReady } from './start-diagnosis.ts';
import { type TestbedInstance, testbedInstance } from './testbed-instance.ts';
import { clientEnvFile, REPO_ROOT, stateDir } from './testbed-paths.ts';
import { UP_TIMEOUT_SECONDS } from './up-timeout.ts';

export interface UpResult {
  readonly env: string;
  /** The client environment (contract §1.1), secrets included: callers decide what to show. */
  readonly clientEnv: Record<string, string>;
  readonly envFile: string;
  readonly seconds: number;
}

export interface UpOptions {
  /** How long the start may take in all (default UP_TIMEOUT_SECONDS). */
  readonly timeoutMs?: number | undefined;
  /** The set of testbeds (default: ESB_TESTBED_INSTANCE's). */
  readonly instance?: TestbedInstance | undefined;
  /**
   * The redaction of a start that failed, from the credentials it generated: the logs it saves and the lines it
   * quotes pass through it (the runner's redactor, which the testbed's Docker code does not import itself).
   */
  readonly redactorFor: (secrets: Readonly<Record<string, string>>) => { redact(text: string): string };
  /** The ESB revision the testbed stands in for (default DEFAULT_ESB_REVISION). */
  readonly esb?: EsbRevisionName | undefined;
}

/**
 * Starts a fresh testbed for one environment: base image, data folders, one container per service in order,
 * each waited for; then writes the client environment to .testbed/<env>.env (mode 0600).
 */
export async function testbedUp(
  env: string,
  faults: readonly FaultName[],
  options: UpOptions,
): Promise<UpResult> {
  const {
    timeoutMs = UP_TIMEOUT_SECONDS * 1000,
    instance = testbedInstance(),
    redactorFor,
    esb = DEFAULT_ESB_REVISION,
  } = options;
  const started = Date.now();
  const profile = profileFor(env, instance);
  const docker = await connectDocker();
  const existing = await docker.listContainers({ all: true, filters: projectFilter(profile.projectName) });
  if (existing.length > 0)
    throw new Error(
      `${env} is already up (${existing.length} containers of ${profile.projectName}); run: npm run testbed -- down --env ${env}`,
    );
  const ports = Object.values(profile.ports).filter(
    (p, i, all) => all.indexOf(p) === i && p !== profile.ports.workerMax && p !== profile.ports.workerMin,
  );
  const busy = [];
  for (const port of ports) if (!(await portIsFree(port))) busy.push(port);
  if (busy.length > 0)
    throw new Error(
      `ports ${busy.join(', ')} on 127.0.0.1 are in use; ${env} needs ${profile.ports.gateway}-${profile.ports.workerMax}`,
    );

  await ensureBaseImage(docker);
  const state = stateDir(env, instance);
  rmSync(state, { recursive: true, force: true });
  const credentials = generateCredentials();
  const services = servicesOf(profile.mode);
  const config = profileConfig(profile, credentials, esb);
  // Built once per testbed start; every worker container runs it with plain node.
  const [workerBundle, serviceBundles] = await Promise.all([
    buildWorkerBundle(join(state, 'runtime')),
    buildServiceBundles(
      join(state, 'runtime', 'services'),
      services.map((spec) => ({ name: spec.name, entryPath: join(REPO_ROOT, spec.entry) })),
    ),
  ]);
  const serviceEnv = containerEnvironment(config, faults, {
    [IMAGE_ENV]: BASE_IMAGE,
    [REPO_ENV]: REPO_ROOT,
    [WORKER_ENTRY_ENV]: workerBundle,
  });
  const restartPolicy = faults.includes('restart-policy-no') ? 'no' : 'unless-stopped';
  const deadline = started + timeoutMs;
  // The CNI identity folder the agent and runtime-node share in containerd mode (contract-head §10).
  const cniDir = profile.mode === 'containerd' ? join(state, 'data', 'cni') : undefined;
  if (cniDir !== undefined) mkdirSync(cniDir, { recursive: true });
  for (const spec of services) {
    const dataDir = spec.hasData ? join(state, 'data', spec.name) : undefined;
    if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
    const start = () =>
      startServiceContainer(docker, {
        profile,
        spec,
        repo: REPO_ROOT,
        dataDir,
        env: serviceEnv,
        restartPolicy,
        bundle: serviceBundles[spec.name],
        ...(cniDir === undefined ? {} : { cniDir }),
      });
    try {
      await start();
    } catch (error) {
      // Until its first container exists, the base image is nobody's: another testbed's `down` (in another
      // process) may remove it between ensureBaseImage and here. Imported again, once.
      if (!isNotFound(error) || !/no such image/i.test(String(error))) throw error;
      await ensureBaseImage(docker);
      await start();
    }
  }
  const clientEnv = clientEnvironment(config);
  for (const spec of services) {
    if (spec.probe === undefined) continue;
    try {
      await waitReady(spec.probe(profile), deadline);
    } catch (error) {
      if (!(error instanceof NotReadyError)) throw error;
      const redactor = redactorFor({ ...credentials });
      throw new Error(
        await describeNotReady({
          docker,
          env,
          profile,
          instance,
          service: spec.name,
          error,
          redact: (text) => redactor.redact(text),
        }),
      );
    }
  }

  const envFile = clientEnvFile(env, instance);
  writeFileSync(
    envFile,
    `${Object.entries(clientEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
    { mode: 0o600 },
  );
  chmodSync(envFile, 0o600);
  return { env, clientEnv, envFile, seconds: (Date.now() - started) / 1000 };
}
