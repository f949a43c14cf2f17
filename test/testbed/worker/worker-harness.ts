import { randomBytes, randomUUID } from 'node:crypto';
import type { FaultName } from '../../../testbed/faults/fault-table.ts';
import type { EsbRevisionName } from '../../../testbed/revisions/esb-behaviour.ts';
import { type RunningWorker, startWorker } from '../../../testbed/services/worker/worker-server.ts';
import { createLogShipper, type LogShipper } from '../../../testbed/shared/log-shipper.ts';
import { readServiceConfig, SERVICE_ENV, type ServiceConfig } from '../../../testbed/shared/service-env.ts';
import { type BackingStores, S3RVER_KEY, startBackingStores } from './backing-stores.ts';
import { type FakeInvokeGateway, startFakeInvokeGateway } from './fake-invoke-gateway.ts';
import { type RecordingVictoriaLogs, startRecordingVictoriaLogs } from './fake-victorialogs.ts';

export const AUTH_USER = 'esb-tester';

export interface StandInPorts {
  readonly gateway: number;
  readonly victorialogs: number;
  readonly database: number;
  readonly s3: number;
}

/** The environment every testbed service reads, pointed at this harness's stand-ins. */
export function serviceEnv(ports: StandInPorts): Record<string, string> {
  const E = SERVICE_ENV;
  return {
    [E.esbEnv]: 'e2e-docker',
    [E.mode]: 'docker',
    [E.projectName]: 'esb-e2e-docker',
    [E.gatewayPort]: String(ports.gateway),
    [E.agentPort]: '1',
    [E.agentMetricsPort]: '2',
    [E.victorialogsPort]: String(ports.victorialogs),
    [E.databasePort]: String(ports.database),
    [E.s3Port]: String(ports.s3),
    [E.workerPortMin]: '18020',
    [E.workerPortMax]: '18099',
    [E.apiKey]: 'api-key',
    [E.authUser]: AUTH_USER,
    [E.authPass]: 'secret',
    [E.jwtSecret]: 'x'.repeat(32),
    [E.s3AccessKey]: S3RVER_KEY,
    [E.s3SecretKey]: S3RVER_KEY,
    [E.logLevel]: 'DEBUG',
  };
}

/** A trace as test clients build it (contract §5.4): unpadded hex epoch, 24 hex, sampled. */
export function newTestTrace(): { root: string; header: string } {
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return { root, header: `Root=${root};Sampled=1` };
}

/** The headers the gateway sends a worker for a traced invocation (README "Worker protocol"). */
export function tracedHeaders(trace: string): Record<string, string> {
  return {
    'x-amzn-trace-id': trace,
    'x-amz-client-context': Buffer.from(JSON.stringify({ custom: { trace_id: trace } })).toString('base64'),
  };
}

/** An API Gateway v1 proxy event as the gateway builds it for an authenticated `/api/...` call. */
export function proxyEvent(path: string, body: unknown, user = AUTH_USER): Record<string, unknown> {
  return {
    resource: path,
    path,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: { 'content-type': ['application/json'] },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      identity: { sourceIp: '127.0.0.1', userAgent: 'worker-test' },
      authorizer: { claims: { 'cognito:username': user, username: user }, 'cognito:username': user },
      requestId: randomUUID(),
      stage: 'prod',
      path,
      protocol: 'HTTP/1.1',
    },
  };
}

export interface InvokeAnswer {
  readonly status: number;
  readonly functionError: string | null;
  readonly text: string;
  readonly json: unknown;
}

/** A started worker and how to call it. */
export interface TestWorker {
  readonly port: number;
  invoke(event: unknown, headers?: Record<string, string>): Promise<InvokeAnswer>;
}

export interface WorkerHarness {
  readonly ports: StandInPorts;
  readonly config: ServiceConfig;
  readonly stores: BackingStores;
  readonly gateway: FakeInvokeGateway;
  readonly victorialogs: RecordingVictoriaLogs;
  /**
   * Starts a worker for `functionName` and routes the fake gateway's Invoke API for that name to it (the
   * latest started wins).
   */
  start(
    functionName: string,
    options?: { faults?: FaultName[]; logLevel?: string; esb?: EsbRevisionName },
  ): Promise<TestWorker>;
  /** Every record shipped since the last call (flushes the shipper first). */
  takeRecords(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function invokeWorker(
  port: number,
  event: unknown,
  headers: Record<string, string> = {},
): Promise<InvokeAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof event === 'string' ? event : JSON.stringify(event),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, functionError: response.headers.get('x-amz-function-error'), text, json };
}

export async function startWorkerHarness(): Promise<WorkerHarness> {
  const [stores, gateway, victorialogs] = await Promise.all([
    startBackingStores(),
    startFakeInvokeGateway(),
    startRecordingVictoriaLogs(),
  ]);
  const ports: StandInPorts = {
    gateway: gateway.port,
    victorialogs: Number(new URL(victorialogs.url).port),
    database: stores.databasePort,
    s3: stores.s3Port,
  };
  const config = readServiceConfig(serviceEnv(ports));
  const shipper: LogShipper = createLogShipper({ url: victorialogs.url, echo: false, intervalMs: 50 });
  const workers: RunningWorker[] = [];
  return {
    ports,
    config,
    stores,
    gateway,
    victorialogs,
    async start(functionName, options = {}) {
      const worker = await startWorker({
        functionName,
        port: 0,
        config: {
          ...config,
          ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
          ...(options.esb === undefined ? {} : { esb: options.esb }),
        },
        faults: new Set(options.faults ?? []),
        shipper,
      });
      workers.push(worker);
      gateway.routes.set(functionName, worker.port);
      return { port: worker.port, invoke: (event, headers) => invokeWorker(worker.port, event, headers) };
    },
    async takeRecords() {
      await gateway.settled();
      await shipper.flush();
      return victorialogs.records.splice(0);
    },
    async close() {
      await gateway.settled();
      await Promise.all(workers.map((w) => w.close()));
      await shipper.flush();
      await Promise.all([stores.close(), gateway.close(), victorialogs.close()]);
    },
  };
}

/** The harness's configuration with some stand-ins swapped (e.g. a database without the table). */
export function readServiceConfigFor(harness: WorkerHarness, ports: Partial<StandInPorts>): ServiceConfig {
  return readServiceConfig(serviceEnv({ ...harness.ports, ...ports }));
}

/** Parses a proxy response's JSON body string. */
export function proxyBody(answer: InvokeAnswer): Record<string, unknown> {
  const body = (answer.json as { body?: unknown } | undefined)?.body;
  if (typeof body !== 'string') throw new Error(`not a proxy response: ${answer.text}`);
  return JSON.parse(body) as Record<string, unknown>;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A record with its volatile fields checked and removed, so the rest can be compared exactly: `_time` is an
 * ISO time with ms, `aws_request_id` a UUID (returned beside the record for cross-record checks).
 */
export function stable(record: Record<string, unknown>): Record<string, unknown> {
  const { _time: time, aws_request_id: requestId, ...rest } = record;
  if (typeof time !== 'string' || !ISO_MS.test(time))
    throw new Error(`bad _time in ${JSON.stringify(record)}`);
  if (typeof requestId !== 'string' || !UUID.test(requestId))
    throw new Error(`bad aws_request_id in ${JSON.stringify(record)}`);
  return rest;
}

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}

/** The bare root of a trace in either stored form (full header or bare root). */
export function bareRootOf(trace: string): string {
  return /Root=([^;]+)/.exec(trace)?.[1] ?? trace;
}
