/** Shared setup of the agent tests: a service configuration, agents on ephemeral ports, small HTTP helpers. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedBuild, DEFAULT_BUILD_CACHE } from '../../../runner/files/build-cache.ts';
import { NODE_BUNDLE_OPTIONS } from '../../../runner/files/node-bundle-options.ts';
import type { FaultName } from '../../../testbed/faults/fault-table.ts';
import { type RunningAgent, startAgent } from '../../../testbed/services/agent/agent-server.ts';
import { createProcessBackend } from '../../../testbed/services/agent/process-backend.ts';
import type { WorkerBackend } from '../../../testbed/services/agent/worker-backend.ts';
import {
  readServiceConfig,
  type ServiceConfig,
  serviceEnvironment,
} from '../../../testbed/shared/service-env.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Worker entries of the fixtures folder. */
export const FIXTURE = {
  echo: fileURLToPath(new URL('./fixtures/echo-worker.ts', import.meta.url)),
  exiting: fileURLToPath(new URL('./fixtures/exiting-worker.ts', import.meta.url)),
  unhealthy: fileURLToPath(new URL('./fixtures/unhealthy-worker.ts', import.meta.url)),
  slow: fileURLToPath(new URL('./fixtures/slow-worker.ts', import.meta.url)),
} as const;

let fixtureBundle: Promise<string> | undefined;

/**
 * A fixture worker bundled for plain node, as the testbed's own worker runs: through tsx, each worker start
 * cost about 0.45 CPU s instead of 0.1, and the agent tests start dozens. Built through the build cache into a
 * folder of this process, removed when it exits.
 */
export async function fixtureEntry(name: keyof typeof FIXTURE): Promise<string> {
  fixtureBundle ??= (async () => {
    const outDir = join(DEFAULT_BUILD_CACHE, `run-agent-fixtures-${process.pid}`);
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await cachedBuild('agent-fixtures', { ...NODE_BUNDLE_OPTIONS, entryPoints: FIXTURE }, outDir);
    return outDir;
  })();
  return join(await fixtureBundle, `${name}.mjs`);
}

/**
 * A complete service configuration. Every test file passes its own worker port range, so files that run in
 * parallel never compete for one port.
 */
export function testConfig(options: {
  mode: 'docker' | 'containerd';
  projectName: string;
  workerPorts: readonly [number, number];
}): ServiceConfig {
  return readServiceConfig({
    ESB_ENV: 'e2e-agent-test',
    MODE: options.mode,
    PROJECT_NAME: options.projectName,
    GATEWAY_PORT: '18600',
    AGENT_PORT: '18602',
    AGENT_METRICS_PORT: '18603',
    VICTORIALOGS_PORT: '18604',
    DATABASE_PORT: '18605',
    S3_PORT: '18606',
    WORKER_PORT_MIN: String(options.workerPorts[0]),
    WORKER_PORT_MAX: String(options.workerPorts[1]),
    X_API_KEY: 'test-api-key',
    AUTH_USER: 'tester',
    AUTH_PASS: 'secret',
    JWT_SECRET_KEY: 'jwt-secret',
    RUSTFS_ACCESS_KEY: 'access',
    RUSTFS_SECRET_KEY: 'secret-key',
    DATA_DIR: '/tmp/esb-agent-test',
  });
}

export interface AgentUnderTest {
  readonly agent: RunningAgent;
  readonly backend: WorkerBackend;
  readonly config: ServiceConfig;
  /** `http://127.0.0.1:<api port>` */
  readonly api: string;
  /** `http://127.0.0.1:<metrics port>` */
  readonly metricsUrl: string;
}

/** An agent with a process backend running the given fixture worker, on ephemeral API and metrics ports. */
export async function startProcessAgent(options: {
  config: ServiceConfig;
  workerEntry?: string;
  faults?: ReadonlySet<FaultName>;
  backend?: WorkerBackend;
  healthTimeoutMs?: number;
}): Promise<AgentUnderTest> {
  const faults = options.faults ?? new Set<FaultName>();
  const backend =
    options.backend ??
    createProcessBackend({
      projectName: options.config.projectName,
      serviceEnv: serviceEnvironment(options.config, faults),
      workerEntry: options.workerEntry ?? (await fixtureEntry('echo')),
      output: 'ignore',
    });
  return startOn(backend, options.config, faults, options.healthTimeoutMs);
}

export async function startOn(
  backend: WorkerBackend,
  config: ServiceConfig,
  faults: ReadonlySet<FaultName> = new Set(),
  healthTimeoutMs?: number,
  spareWorkers = 0,
  log?: (message: string, fields?: Record<string, unknown>) => void,
): Promise<AgentUnderTest> {
  const agent = await startAgent({
    port: 0,
    metricsPort: 0,
    config,
    backend,
    faults,
    spareWorkers,
    ...(healthTimeoutMs === undefined ? {} : { healthTimeoutMs }),
    ...(log === undefined ? {} : { log }),
  });
  return {
    agent,
    backend,
    config,
    api: `http://127.0.0.1:${agent.port}`,
    metricsUrl: `http://127.0.0.1:${agent.metricsPort}`,
  };
}

export interface JsonReply {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

/**
 * Longer than any answer of an agent or worker the tests wait for (a create waits for the worker's health, at
 * most WORKER_HEALTH_TIMEOUT_MS, 25 s), so that a server that accepts and never answers fails its test instead
 * of stalling the run (a spare-worker test once stalled the unit run for over ten minutes).
 */
const CALL_TIMEOUT_MS = 45_000;

export async function call(url: string, init: { method?: string; json?: unknown } = {}): Promise<JsonReply> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    method: init.method ?? 'GET',
    ...(init.json === undefined
      ? {}
      : { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** The worker record of a 201 from `POST /v1/workers`. */
export interface WorkerJson {
  id: string;
  name: string;
  functionName: string;
  host: string;
  port: number;
}

export async function createWorker(api: string, functionName: string): Promise<JsonReply> {
  return call(`${api}/v1/workers`, { method: 'POST', json: { functionName } });
}

/** Creates a worker and fails the test unless the agent answered 201. */
export async function mustCreateWorker(api: string, functionName: string): Promise<WorkerJson> {
  const reply = await createWorker(api, functionName);
  if (reply.status !== 201)
    throw new Error(`create ${functionName}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as WorkerJson;
}

/** `POST /invoke` straight to a worker, as the gateway does in docker mode. */
export async function invokeWorker(
  worker: WorkerJson,
  event: unknown = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://${worker.host}:${worker.port}/invoke`, {
    method: 'POST',
    body: JSON.stringify(event),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Whether anything answers HTTP on a loopback port. */
export async function answersOn(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
