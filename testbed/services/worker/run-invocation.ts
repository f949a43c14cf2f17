import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionRuntime } from '../../functions/function-catalog.ts';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import type { AwsClients } from './aws-clients-type.ts';
import { invokeThroughGateway } from './chain-invoke.ts';
import { createPutLogEvents } from './cloudwatch-passthrough.ts';
import type { FunctionContext, FunctionHandler } from './function-context.ts';
import { createFunctionLogger } from './function-logger.ts';
import { presignerFor } from './presign-endpoint.ts';
import type { RecordSink } from './record-sink.ts';
import { createStdoutHook, type InvocationIdentity, type StdoutHook } from './stdout-hook.ts';

/** What one worker shares between its invocations. */
export interface WorkerRuntime {
  readonly functionName: string;
  readonly runtime: FunctionRuntime;
  readonly handler: FunctionHandler;
  readonly config: ServiceConfig;
  readonly faults: ReadonlySet<FaultName>;
  readonly sink: RecordSink;
  readonly aws: AwsClients;
  /** The connection pool of Lambda Invoke calls through the gateway's Invoke API. */
  readonly gatewayAgent: Agent;
  readonly crash: () => Promise<never>;
}

/** The answer to `POST /invoke` (README "Worker protocol"). */
export interface InvocationAnswer {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Fault request-id-reused: one valid UUID for every invocation of every worker, so ids collide. */
const REUSED_REQUEST_ID = '00000000-0000-4000-8000-000000000000';

function errorAnswer(errorType: string, errorMessage: string): InvocationAnswer {
  return {
    headers: { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' },
    body: JSON.stringify({ errorType, errorMessage }),
  };
}

function errorTypeOf(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? error.constructor.name : error.name;
  return 'Error';
}

function createContext(worker: WorkerRuntime, id: InvocationIdentity, stdout: StdoutHook): FunctionContext {
  return {
    functionName: id.functionName,
    runtime: id.runtime,
    awsRequestId: id.awsRequestId,
    traceHeader: id.traceHeader,
    logger: createFunctionLogger(id.runtime, stdout, worker.config.logLevel),
    print: (text) => stdout.writeText(text),
    invoke: (target, payload, type) =>
      invokeThroughGateway({
        gatewayUrl: worker.config.gatewayInternalUrl,
        agent: worker.gatewayAgent,
        runtime: id.runtime,
        traceHeader: id.traceHeader,
        faults: worker.faults,
        target,
        payload,
        type,
      }),
    get dynamoDb() {
      return worker.aws.dynamoDb;
    },
    get s3() {
      return worker.aws.s3;
    },
    createLogGroup: async () => {},
    createLogStream: async () => {},
    putLogEvents: createPutLogEvents({
      id,
      stdout,
      logLevel: worker.config.logLevel,
      faults: worker.faults,
      loggers: esbBehaviour(worker.config.esb).cloudwatchLogger,
    }),
    crash: worker.crash,
    faultActive: (name) => worker.faults.has(name),
    esb: esbBehaviour(worker.config.esb),
    presignGet: presignerFor(worker, stdout),
  };
}

/**
 * Runs one invocation: hydrates the trace like ESB's Python hook, calls the handler with the event, and
 * answers its raw JSON result, or an Unhandled function error when it throws.
 */
export async function runInvocation(
  worker: WorkerRuntime,
  eventText: string,
  traceHeader: string | undefined,
): Promise<InvocationAnswer> {
  const id: InvocationIdentity = {
    functionName: worker.functionName,
    runtime: worker.runtime,
    traceHeader,
    awsRequestId: worker.faults.has('request-id-reused') ? REUSED_REQUEST_ID : randomUUID(),
  };
  const stdout = createStdoutHook(id, worker.sink);
  const ctx = createContext(worker, id, stdout);
  if (id.runtime === 'python' && traceHeader !== undefined) {
    // The runtime hook's own diagnostic, logged inside the invocation (contract §4.3).
    stdout.writeRecord({
      _time: new Date().toISOString(),
      level: 'DEBUG',
      message: `Hydrated _X_AMZN_TRACE_ID: ${traceHeader}`,
      logger: 'sitecustomize',
      _sitecustomize: true,
    });
  }
  let event: unknown;
  try {
    event = eventText.trim() === '' ? {} : JSON.parse(eventText);
  } catch (error) {
    const message = `Unable to unmarshal input: ${(error as Error).message}`;
    ctx.print(`[ERROR] Runtime.UnmarshalError: ${message}`);
    return errorAnswer('Runtime.UnmarshalError', message);
  }
  try {
    const result = await worker.handler(event, ctx);
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(result ?? null) };
  } catch (error) {
    const errorType = errorTypeOf(error);
    const errorMessage = error instanceof Error ? error.message : String(error);
    // The runtime logs the failure on the function's stdout, as the Lambda runtimes do.
    ctx.print(`[ERROR] ${errorType}: ${errorMessage}`);
    return errorAnswer(errorType, errorMessage);
  }
}
