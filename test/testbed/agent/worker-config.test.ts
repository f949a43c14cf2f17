import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionNamed } from '../../../testbed/functions/function-catalog.ts';
import { workerEnvironment } from '../../../testbed/services/agent/worker-env.ts';
import { workerMemoryBytes } from '../../../testbed/services/agent/worker-memory.ts';
import { readServiceConfig, serviceEnvironment } from '../../../testbed/shared/service-env.ts';
import { testConfig } from './agent-kit.ts';

const config = testConfig({
  mode: 'containerd',
  projectName: 'esb-agent-config-test',
  workerPorts: [18780, 18789],
});

describe('what a worker is started with', () => {
  it('gets the agent configuration back unchanged from the service environment', () => {
    const env = serviceEnvironment(config, new Set(['echo-wrong-prefix', 'wrong-memory-limit']));
    assert.deepEqual(readServiceConfig(env), config);
    assert.equal(env.ESB_TESTBED_FAULTS, 'echo-wrong-prefix,wrong-memory-limit');
    const worker = workerEnvironment(env, 'lambda-echo', 18781);
    assert.equal(worker.FUNCTION_NAME, 'lambda-echo');
    assert.equal(worker.WORKER_PORT, '18781');
    assert.deepEqual(readServiceConfig(worker), config);
  });

  it('gets the catalogue memory limit in bytes, none for lambda-image, 256 MiB under the fault', () => {
    const echo = functionNamed('lambda-echo');
    const image = functionNamed('lambda-image');
    assert.ok(echo && image);
    assert.equal(workerMemoryBytes(echo, new Set()), 134217728);
    assert.equal(workerMemoryBytes(image, new Set()), undefined);
    assert.equal(workerMemoryBytes(echo, new Set(['wrong-memory-limit'])), 268435456);
    assert.equal(workerMemoryBytes(image, new Set(['wrong-memory-limit'])), undefined);
  });
});
