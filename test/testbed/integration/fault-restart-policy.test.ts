import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { testbedCli } from '../../helpers/testbed-client.ts';

// restart-policy-no is the one fault the in-process fault pass cannot show: it lives in Docker itself.
const ENV = 'e2e-containerd';
const docker = new Docker({ socketPath: '/var/run/docker.sock' });

describe('fault restart-policy-no (real Docker)', { timeout: 180_000 }, () => {
  before(() => {
    testbedCli(['down', '--env', ENV]);
    const up = testbedCli(['up', '--env', ENV, '--fault', 'restart-policy-no']);
    assert.equal(up.status, 0, up.stderr);
  });

  after(() => {
    testbedCli(['down', '--env', ENV]);
  });

  it('gives the services policy "no", so a crashed gateway stays down (RST-001 notices)', async () => {
    const [info] = await docker.listContainers({
      filters: { label: [`com.docker.compose.project=esb-${ENV}`, 'com.docker.compose.service=gateway'] },
    });
    const gateway = docker.getContainer(info?.Id ?? assert.fail('no gateway container'));
    assert.equal((await gateway.inspect()).HostConfig.RestartPolicy?.Name, 'no');
    const run = await gateway.exec({
      Cmd: ['sh', '-lc', 'kill -TERM 1'],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await run.start({});
    // Read the exec stream to its end; a detached exec would keep the Docker connection, and this process, alive.
    await new Promise((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.resume();
    });
    let state = await gateway.inspect();
    for (let i = 0; i < 10 && state.State.Status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      state = await gateway.inspect();
    }
    await new Promise((r) => setTimeout(r, 3000));
    state = await gateway.inspect();
    assert.equal(state.State.Status, 'exited');
    assert.equal(state.RestartCount, 0);
  });

  it('rejects unknown fault names before starting anything', () => {
    const result = testbedCli(['up', '--env', 'e2e-docker', '--fault', 'no-such-fault']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown fault switch\(es\): no-such-fault/);
  });
});
