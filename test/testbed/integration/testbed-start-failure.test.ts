import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { profileFor } from '../../../testbed/docker/profiles.ts';
import { servicesOf } from '../../../testbed/docker/service-specs.ts';
import { clientEnvFile, logsDir } from '../../../testbed/docker/testbed-paths.ts';
import { testbedCli } from '../../helpers/testbed-client.ts';

/**
 * A testbed that does not come up in time says why in one message: the service whose probe never answered, the
 * state of its container and its last log lines, with every container's log saved. A timeout too short for any
 * service to answer makes that happen on real Docker without breaking a service.
 */
const PROFILE = 'e2e-containerd';
const docker = new Docker({ socketPath: '/var/run/docker.sock' });

describe('testbed up that does not come up in time (real Docker)', { timeout: 300_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', PROFILE]);
  });
  after(() => {
    testbedCli(['down', '--env', PROFILE]);
  });

  it('names the service, its probe, its container state and its last log lines, and keeps every log', async () => {
    const up = testbedCli(['up', '--env', PROFILE, '--timeout', '0.001']);
    assert.equal(up.status, 1, up.stderr);
    const port = profileFor(PROFILE).ports.victorialogs;
    const dir = logsDir(PROFILE);
    const shownDir = dir.slice(dir.indexOf('.testbed'));
    assert.match(
      up.stderr,
      new RegExp(
        `^testbed: victorialogs did not answer http://127\\.0\\.0\\.1:${port}/health within \\d+\\.\\d s \\(last: no answer\\); its container is (created|running), restarted 0 time\\(s\\); `,
      ),
    );
    assert.ok(up.stderr.includes(`every container's log is in ${shownDir}/`), up.stderr);
    assert.doesNotMatch(up.stderr, /\n\s+at /, 'no stack trace');
    // Every service's container ran and left a log (the agent's spare workers, if it started them, theirs);
    // the client environment was never written.
    const services = servicesOf(profileFor(PROFILE).mode).map((spec) => spec.name);
    assert.ok(services.length >= 5, services.join(', '));
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));
    for (const service of services) assert.ok(logs.includes(`${service}.log`), logs.join(', '));
    for (const other of logs.filter((f) => !services.includes(f.replace(/\.log$/, ''))))
      assert.match(other, /-spare-[0-9a-f]+\.log$/);
    assert.ok(!existsSync(clientEnvFile(PROFILE)));
    // The containers stay for a look until `down`, as after any failed `up`.
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${profileFor(PROFILE).projectName}`] },
    });
    assert.ok(containers.length >= 5, `${containers.length} containers`);
    // A quoted log line is one the service wrote, timestamped by Docker.
    const quoted = up.stderr.split('\n').filter((line) => line.startsWith('  '));
    for (const line of quoted) assert.match(line, /^ {2}\d{4}-\d\d-\d\dT\S+Z /);
    if (quoted.length > 0)
      assert.ok(readFileSync(join(dir, 'victorialogs.log'), 'utf8').includes(quoted[0]?.trim() ?? ''));
  });
});
