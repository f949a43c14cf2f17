import { Agent } from 'node:https';
import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionRuntime } from '../../functions/function-catalog.ts';
import { postText } from '../../shared/post-text.ts';
import type { ChainInvokeResult, InvocationType } from './function-context.ts';
import { clientContextFor } from './invocation-trace.ts';

/** Invoke API calls wait as long as the gateway's own invoke timeout (contract §5.3). */
const INVOKE_TIMEOUT_MS = 30_000;

/**
 * The connection pool of a worker's Invoke API calls: Lambda-to-gateway calls run with TLS verification off
 * (contract §1.3). node:https rather than undici or fetch: their first request compiles a WebAssembly HTTP
 * parser, about 0.3 CPU seconds in every worker whose fixture chains.
 */
export function createGatewayAgent(): Agent {
  return new Agent({ keepAlive: true, rejectUnauthorized: false });
}

/** The text an SDK error carries for a failed Invoke, so a fixture's `str(e)` reads like ESB's. */
function invokeErrorText(runtime: FunctionRuntime, status: number, body: string): string {
  let message = body;
  try {
    const parsed: unknown = JSON.parse(body);
    const text = (parsed as { message?: unknown } | null)?.message;
    if (typeof text === 'string') message = text;
  } catch {
    // Not JSON: the raw body is the message.
  }
  return runtime === 'java'
    ? `${message} (Service: Lambda, Status Code: ${status})`
    : `An error occurred (${status}) when calling the Invoke operation: ${message}`;
}

export interface InvokeThroughGatewayOptions {
  readonly gatewayUrl: string;
  readonly runtime: FunctionRuntime;
  readonly traceHeader: string | undefined;
  readonly faults: ReadonlySet<FaultName>;
  readonly target: string;
  readonly payload: unknown;
  readonly type: InvocationType;
}

/**
 * A Lambda Invoke as the fixtures' SDK client makes it (contract §4.5): `POST` to the gateway's Invoke API
 * with the invocation type, the caller's trace as header and ClientContext, TLS verification off (the
 * agent's job). A status of 400 or more is an SDK error.
 */
export async function invokeThroughGateway(
  options: InvokeThroughGatewayOptions & { agent: Agent },
): Promise<ChainInvokeResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-invocation-type': options.type,
  };
  // Fault trace-not-propagated: the SDK hook forgets the trace, so the gateway starts a new root.
  if (options.traceHeader !== undefined && !options.faults.has('trace-not-propagated')) {
    headers['x-amzn-trace-id'] = options.traceHeader;
    headers['x-amz-client-context'] = clientContextFor(options.traceHeader);
  }
  const url = `${options.gatewayUrl}/2015-03-31/functions/${encodeURIComponent(options.target)}/invocations`;
  const answer = await postText(url, JSON.stringify(options.payload), {
    headers,
    timeoutMs: INVOKE_TIMEOUT_MS,
    agent: options.agent,
  });
  if (answer.status >= 400) throw new Error(invokeErrorText(options.runtime, answer.status, answer.body));
  const functionError = answer.headers['x-amz-function-error'];
  return {
    statusCode: answer.status,
    payload: answer.body,
    ...(typeof functionError === 'string' ? { functionError } : {}),
  };
}
