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

/** A small 200 body naming an error is a function failure too (contract §5.2). */
const ERROR_BODY_LIMIT = 10 * 1024;

class ConnectionFailure extends Error {}
class InvocationTimeout extends Error {}

/**
 * Runs one invocation: reject fast while the breaker is open, acquire a worker, call it, retry once on a
 * fresh worker after a connection-level error, and count the outcome on the breaker. ESB acquires before the
 * breaker check; here the pool entry is still created first, but an open breaker answers before any worker
 * is provisioned, because a crash evicts the only worker and a cold start would make the 502 slower than
 * the contract's "well under 1 s" (§5.8, STD-018).
 */
export async function invokeFunction(
  pools: PoolManager,
  request: InvocationRequest,
  slowRejectMs = 0,
): Promise<InvocationOutcome> {
  const { definition } = request;
  const pool = pools.pool(definition);
  const breaker = pools.breaker(definition.name);
  if (!breaker.allow()) {
    if (slowRejectMs > 0) await new Promise((r) => setTimeout(r, slowRejectMs));
    request.log('WARNING', 'gateway.processor', `Circuit open for ${definition.name}`);
    return { kind: 'error', status: 502, message: `Circuit is open (failures: ${breaker.failures})` };
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
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await callWorker(worker, request);
      const failure = failureOf(answer);
      if (failure !== undefined) {
        pool.release(worker);
        breaker.recordFailure();
        request.log('ERROR', 'gateway.processor', `Invocation of ${definition.name} failed: ${failure}`);
        return { kind: 'error', status: 502, message: failure };
      }
      pool.release(worker);
      breaker.recordSuccess();
      return answer;
    } catch (error) {
      if (error instanceof InvocationTimeout) {
        pool.evict(worker);
        breaker.recordFailure();
        request.log('ERROR', 'gateway.processor', error.message);
        return { kind: 'error', status: 502, message: error.message };
      }
      if (!(error instanceof ConnectionFailure)) throw error;
      pool.evict(worker);
      request.log(
        'WARNING',
        'gateway.processor',
        `Worker ${worker.name} failed (${error.message}); attempt ${attempt}`,
      );
      if (attempt >= 2) {
        breaker.recordFailure();
        return {
          kind: 'error',
          status: 502,
          message: `Invocation of ${definition.name} failed: ${error.message}`,
        };
      }
      try {
        worker = await pool.acquire();
      } catch (acquireError) {
        breaker.recordFailure();
        return { kind: 'error', status: 503, message: (acquireError as Error).message };
      }
    }
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

/** Why an answer counts as an invocation failure (contract §5.2), or undefined. */
function failureOf(answer: Extract<InvocationOutcome, { kind: 'payload' }>): string | undefined {
  if (answer.status >= 500) return `runtime answered ${answer.status}`;
  if (answer.headers['x-amz-function-error'])
    return `function error: ${answer.body.toString('utf8').slice(0, 200)}`;
  if (answer.status === 200 && answer.body.length < ERROR_BODY_LIMIT) {
    const text = answer.body.toString('utf8');
    if (text.includes('errorType') || text.includes('errorMessage'))
      return `function error: ${text.slice(0, 200)}`;
  }
  return undefined;
}
