import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Dockerode from 'dockerode';
import { projectFilter, SERVICE_LABEL } from './compose-labels.ts';
import type { TestbedProfile } from './profiles.ts';
import type { NotReadyError } from './readiness.ts';
import { saveServiceLogs } from './service-logs.ts';
import type { TestbedInstance } from './testbed-instance.ts';

/** Log lines of the service that did not come up, quoted in the error (the rest are in the saved files). */
const QUOTED_LINES = 5;

/**
 * Why a testbed did not start, in one message: which service did not answer and what its probe last saw, the
 * state of its container (running, restarting, exited with a code, restarts), its last log lines, and where the
 * logs of every container were saved, all through the redaction of the testbed's credentials. A start that fails
 * on a loaded machine then says whether the service was slow, crashing or hung, without rerunning anything.
 */
export async function describeNotReady(options: {
  docker: Dockerode;
  env: string;
  profile: TestbedProfile;
  instance: TestbedInstance;
  service: string;
  error: NotReadyError;
  /** The testbed's credentials' redaction. */
  redact: (text: string) => string;
}): Promise<string> {
  const { docker, env, profile, instance, service, error, redact } = options;
  const parts = [`${service} ${error.message}`];
  try {
    const filter = projectFilter(profile.projectName);
    const [info] = await docker.listContainers({
      all: true,
      filters: { label: [...filter.label, `${SERVICE_LABEL}=${service}`] },
    });
    if (info === undefined) parts.push('its container is gone');
    else {
      const { State: state, RestartCount: restarts } = await docker.getContainer(info.Id).inspect();
      const exit = state.Running ? '' : `, exit code ${state.ExitCode}`;
      parts.push(`its container is ${state.Status}${exit}, restarted ${restarts} time(s)`);
    }
  } catch (inspectError) {
    parts.push(`its container could not be inspected: ${(inspectError as Error).message}`);
  }
  try {
    const dir = await saveServiceLogs(env, redact, instance);
    const file = join(dir, `${service}.log`);
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
      : [];
    const tail = lines.slice(-QUOTED_LINES).map((l) => `  ${l}`);
    parts.push(
      tail.length === 0
        ? `it logged nothing; every container's log is in ${relative(process.cwd(), dir) || '.'}/`
        : `its last log lines (every container's log is in ${relative(process.cwd(), dir) || '.'}/):\n${tail.join('\n')}`,
    );
  } catch (logError) {
    parts.push(`its logs could not be saved: ${(logError as Error).message}`);
  }
  return redact(parts.join('; '));
}
