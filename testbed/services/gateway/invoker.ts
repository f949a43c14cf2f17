import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionDefinition } from '../../functions/function-catalog.ts';
import type { PoolManager } from './pool-manager.ts';
import { WorkerAcquireError, type WorkerHandle } from './worker-pool.ts';

/** What one invocation produced, before it is mapped to an HTTP answer. */
export type InvocationOutcome =
  | { kind: 'payload'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'error'; status: 502 | 503; message: string };

export interface InvocationRequest {
  readonly definition: FunctionDefinition;
  /** The event as the function receives it (a proxy event or the raw Invoke API body). */
  readonly event: Buffer;
  /** Full trace header, or undefined for scheduler runs (they carry no trace). */
  readonly trace?: string;
  readonly log: (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', logger: string, message: string) => void;
}

/** How long fault breaker-slow-reject makes an open breaker wait before it answers. */
const SLOW_REJECT_MS = 1500;

/** A small 200 body naming an error is a function failure too (contract §5.2). */
const ERROR_BODY_LIMIT = 10 * 1024;

class ConnectionFailure extends Error {}
class InvocationTimeout extends Error {}

/**
 * What ESB's gateway answers when the worker's connection ends without a response (httpx's words): a crash
 * mid-call is not retried, the worker is dropped, and the next call provisions another (../shared/golden,
 * chaos-crash-*: 9 crash requests are 9 crash executions).
 */
export const DISCONNECTED_MESSAGE = 'Server disconnected without sending a response.';

/**
 * Runs one invocation: reject fast while the breaker is open, acquire a worker, call it once, and count the
 * outcome on the breaker. ESB acquires before the
 * breaker check; here the pool entry is still created first, but an open breaker answers before any worker
 * is provisioned, because a crash evicts the only worker and a cold start would make the 502 slower than
 * the contract's "well under 1 s" (§5.8, STD-018).
 */
export async function invokeFunction(
  pools: PoolManager,
  request: InvocationRequest,
  faults: ReadonlySet<FaultName> = new Set(),
): Promise<InvocationOutcome> {
  const { definition } = request;
  const pool = pools.pool(definition);
  const breaker = pools.breaker(definition.name);
  if (!breaker.allow()) {
    // Fault breaker-slow-reject: an open breaker answers only after 1.5 s.
    if (faults.has('breaker-slow-reject')) await new Promise((r) => setTimeout(r, SLOW_REJECT_MS));
    request.log('WARNING', 'gateway.processor', `Circuit open for ${definition.name}`);
    // Fault breaker-text-changed: the 502 says something else than ESB's "Circuit is open" (STD-018 at 2026-03-02).
    const text = faults.has('breaker-text-changed') ? 'Breaker rejected the call' : 'Circuit is open';
    return { kind: 'error', status: 502, message: `${text} (failures: ${breaker.failures})` };
  }
  let worker: WorkerHandle;
  try {
    request.log('DEBUG', 'gateway.pool', `Acquiring worker for ${definition.name}`);
    worker = await pool.acquire();
  } catch (error) {
    const message =
      error instanceof WorkerAcquireError
        ? error.message
        : `Failed to start container ${definition.name}: ${(error as Error).message}`;
    request.log('ERROR', 'gateway.pool', message);
    return { kind: 'error', status: 503, message };
  }
  try {
    const answer = await callWorker(worker, request);
    const failure = failureOf(answer);
    if (failure !== undefined) {
      pool.release(worker);
      breaker.recordFailure();
      request.log('ERROR', 'gateway.processor', `Invocation of ${definition.name} failed: ${failure.detail}`);
      return { kind: 'error', status: 502, message: failure.message };
    }
    pool.release(worker);
    breaker.recordSuccess();
    return answer;
  } catch (error) {
    if (!(error instanceof InvocationTimeout) && !(error instanceof ConnectionFailure)) throw error;
    pool.evict(worker);
    breaker.recordFailure();
    if (error instanceof InvocationTimeout) {
      request.log('ERROR', 'gateway.processor', error.message);
      return { kind: 'error', status: 502, message: error.message };
    }
    request.log(
      'ERROR',
      'gateway.processor',
      `Worker ${worker.name} of ${definition.name} failed: ${error.message}`,
    );
    return { kind: 'error', status: 502, message: DISCONNECTED_MESSAGE };
  }
}

async function callWorker(
  worker: WorkerHandle,
  request: InvocationRequest,
): Promise<Extract<InvocationOutcome, { kind: 'payload' }>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.trace !== undefined) {
    headers['x-amzn-trace-id'] = request.trace;
    headers['x-amz-client-context'] = Buffer.from(
      JSON.stringify({ custom: { trace_id: request.trace } }),
    ).toString('base64');
  }
  let response: Response;
  try {
    response = await fetch(`http://${worker.host}:${worker.port}/invoke`, {
      method: 'POST',
      headers,
      body: request.event,
      signal: AbortSignal.timeout(request.definition.timeoutSeconds * 1000),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new InvocationTimeout(`Task timed out after ${request.definition.timeoutSeconds} seconds`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ConnectionFailure(cause?.code ?? cause?.message ?? (error as Error).message);
  }
  const body = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key] = value;
  });
  return { kind: 'payload', status: response.status, headers: out, body };
}

/**
 * Why an answer counts as an invocation failure (contract §5.2): what the client is told, as ESB words it
 * (`Lambda Logic Error: Function Error: Unhandled`), and the detail the gateway logs. Undefined for a success.
 */
function failureOf(
  answer: Extract<InvocationOutcome, { kind: 'payload' }>,
): { message: string; detail: string } | undefined {
  if (answer.status >= 500)
    return {
      message: `Lambda Logic Error: runtime answered ${answer.status}`,
      detail: `runtime answered ${answer.status}`,
    };
  const kind = answer.headers['x-amz-function-error'];
  const text = () => answer.body.toString('utf8').slice(0, 200);
  if (kind)
    return { message: `Lambda Logic Error: Function Error: ${kind}`, detail: `function error: ${text()}` };
  if (answer.status === 200 && answer.body.length < ERROR_BODY_LIMIT) {
    const body = text();
    if (body.includes('errorType') || body.includes('errorMessage'))
      return { message: 'Lambda Logic Error: Function Error: Unhandled', detail: `function error: ${body}` };
  }
  return undefined;
}
