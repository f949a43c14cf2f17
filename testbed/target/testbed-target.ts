import { relative } from 'node:path';
import { formatDuration } from '../../runner/report/format-duration.ts';
import type { PreparedTarget, RunTarget, TargetOptions } from '../../runner/targets/run-target.ts';
import {
  DEFAULT_ESB_REVISION,
  describeEsbRevisions,
  type EsbRevisionName,
  isEsbRevisionName,
} from '../revisions/esb-behaviour.ts';

/**
 * `esb-e2e run --target testbed`: a fresh testbed per environment (testbed/docker), started inside each
 * environment's job, all at once, and torn down after its cases. The testbed sits above the runner: the runner
 * never imports it; bin/esb-e2e.mjs hands this entry to the CLI. The Docker code is loaded lazily, so that an
 * external run (or help) never loads it.
 */
export const TESTBED_TARGET: RunTarget = {
  name: 'testbed',
  help: ['start a fresh local testbed per environment, run, tear it down'],
  // The testbed is ours, so every hook scope is allowed against it.
  allows: ['control-plane'],
  preparation: 'in-each-job',
  wording: {
    against: 'a fresh testbed each',
    starting: (env) => `[${env}] starting a fresh testbed`,
    ready: (env, seconds) => `[${env}] testbed up in ${formatDuration(seconds * 1000)}`,
    released: (env) => `[${env}] testbed down`,
    releaseFailed: (env, message) =>
      `[${env}] tearing the testbed down failed: ${message}; run: npm run testbed -- down --env ${env}`,
  },
  argsProblem: ({ envFile }) =>
    envFile === undefined
      ? undefined
      : '--client-env applies to --target external; the testbed provides its own environment',
  // After the catalogue has loaded: a revision it does not know was refused already, with its own words.
  planProblems: (options) =>
    options.esb === undefined || isEsbRevisionName(options.esb.name)
      ? []
      : [
          `the testbed cannot stand in for ESB ${options.esb.name}: it knows ${describeEsbRevisions()}; run against that ESB with --target external`,
        ],
  async check() {
    try {
      const { connectDocker } = await import('../docker/docker-connection.ts');
      await connectDocker();
      return undefined;
    } catch (error) {
      return `the testbed needs Docker: ${(error as Error).message}`;
    }
  },
  prepare: (env, options) => prepareTestbed(env, 'main', testbedRevision(options)),
  // A second fresh testbed per environment for the cases that restart or crash services, so that they run beside
  // the others: the full matrix takes about as long as its longest lane instead of the sum of both.
  platformLane: {
    wording: {
      against: 'a fresh testbed each',
      starting: (env) => `[${env}] starting a second testbed for the cases that take the whole platform`,
      ready: (env, seconds) => `[${env}] second testbed up in ${formatDuration(seconds * 1000)}`,
      released: (env) => `[${env}] second testbed down`,
      releaseFailed: (env, message) =>
        `[${env}] tearing the second testbed down failed: ${message}; run: ${laneSelection} npm run testbed -- down --env ${env}`,
    },
    prepare: (env, options) => prepareTestbed(env, 'platform', testbedRevision(options)),
  },
};

/** The revision the testbed stands in for: the one the catalogue was loaded for (planProblems refused others). */
function testbedRevision(options: TargetOptions): EsbRevisionName {
  const name = options.esb?.name ?? DEFAULT_ESB_REVISION;
  if (!isEsbRevisionName(name)) throw new Error(`the testbed cannot stand in for ESB ${name}`);
  return name;
}

/**
 * The variable that selects the set of the platform lanes' testbeds (testbed-instance.ts), for the manual `down`
 * line; set when a lane is prepared (the Docker code is loaded only then).
 */
let laneSelection = '';

/**
 * A fresh testbed for the environment, torn down by release(): in the run's set of testbeds (`main`), or in the
 * set beside it that holds the platform lanes (`platform`: other ports, compose projects and state folders).
 */
async function prepareTestbed(
  env: string,
  lane: 'main' | 'platform',
  esb: EsbRevisionName,
): Promise<PreparedTarget> {
  const { testbedUp } = await import('../docker/testbed-up.ts');
  const { testbedDown } = await import('../docker/testbed-down.ts');
  const { connectDocker } = await import('../docker/docker-connection.ts');
  const { projectFilter } = await import('../docker/compose-labels.ts');
  const { profileFor } = await import('../docker/profiles.ts');
  const { clientEnvFile, REPO_ROOT } = await import('../docker/testbed-paths.ts');
  const { saveServiceLogs } = await import('../docker/service-logs.ts');
  const { redactorFromEnv } = await import('../../runner/config/redact.ts');
  const { platformLaneOf, TESTBED_INSTANCE_ENV, testbedInstance } = await import(
    '../docker/testbed-instance.ts'
  );
  const instance = lane === 'main' ? testbedInstance() : platformLaneOf(testbedInstance());
  const which = lane === 'main' ? 'a testbed' : 'a second testbed';
  if (lane === 'platform') laneSelection = `${TESTBED_INSTANCE_ENV}=${instance.name}`;
  const profile = profileFor(env, instance);
  const docker = await connectDocker();
  const existing = await docker.listContainers({ all: true, filters: projectFilter(profile.projectName) });
  // A testbed someone started by hand is theirs: refuse rather than run against it or remove it.
  if (existing.length > 0)
    throw new Error(
      lane === 'main'
        ? `[${env}] a testbed of ${env} is already up; stop it (npm run testbed -- down --env ${env}) or run against it with --target external --client-env ${relative(REPO_ROOT, clientEnvFile(env))}`
        : `[${env}] ${which} of ${env} (${profile.projectName}) is already up; stop it (${TESTBED_INSTANCE_ENV}=${instance.name} npm run testbed -- down --env ${env})`,
    );
  let up: Awaited<ReturnType<typeof testbedUp>>;
  try {
    up = await testbedUp(env, [], {
      instance,
      redactorFor: redactorFromEnv,
      esb,
    });
  } catch (error) {
    // Nothing of this environment existed before, so whatever a failed start left behind is ours to remove.
    await testbedDown(env, instance).catch(() => undefined);
    throw new Error(
      `[${env}] ${lane === 'main' ? 'the testbed' : 'the second testbed'} did not start: ${(error as Error).message}`,
    );
  }
  const clientEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clientEnv[key] = value;
  Object.assign(clientEnv, up.clientEnv);
  return {
    clientEnv,
    setupSeconds: up.seconds,
    release: async ({ failed }) => {
      // The containers and their logs go with the testbed: keep the logs of a run that failed first.
      const notes: string[] = [];
      if (failed) {
        try {
          const redactor = redactorFromEnv(clientEnv);
          const dir = await saveServiceLogs(env, (text) => redactor.redact(text), instance);
          notes.push(
            `[${env}] a case failed: ${lane === 'main' ? "the testbed's" : "the second testbed's"} service and worker logs are in ${relative(process.cwd(), dir) || '.'}/`,
          );
        } catch (error) {
          notes.push(
            `[${env}] a case failed; keeping the testbed's logs failed: ${(error as Error).message}`,
          );
        }
      }
      await testbedDown(env, instance);
      return notes;
    },
  };
}
