import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionRuntime } from '../../functions/function-catalog.ts';
import type { EsbBehaviour } from '../../revisions/esb-behaviour.ts';

/** Lambda Invoke invocation types the fixtures use (contract §4.5). */
export type InvocationType = 'RequestResponse' | 'Event';

/** What an SDK Lambda Invoke gives back: the StatusCode and the raw payload text (empty for Event). */
export interface ChainInvokeResult {
  readonly statusCode: number;
  readonly payload: string;
  /** The `X-Amz-Function-Error` header of the answer, when the child failed. */
  readonly functionError?: string;
}

/** One CloudWatch Logs PutLogEvents event. */
export interface CloudWatchLogEvent {
  readonly timestamp?: number;
  readonly message: string;
}

/** Extra keys a fixture puts on one of its log records (e.g. `function`). */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logging API a fixture writes through. Python flavour: records of the `logging` module (`logger:"root"`,
 * `location`, dropped below LOG_LEVEL). Java flavour: JSON lines with `_time` and `level`.
 */
export interface FunctionLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warning(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Everything the worker runtime hands a fixture for one invocation. */
export interface FunctionContext {
  readonly functionName: string;
  readonly runtime: FunctionRuntime;
  /** A fresh UUID per invocation (the `aws_request_id` of every record it logs). */
  readonly awsRequestId: string;
  /** The trace in full header form (`Root=…;Sampled=1`), as the gateway sent it; undefined when untraced. */
  readonly traceHeader: string | undefined;
  readonly logger: FunctionLogger;
  /** Writes one stdout line (or several, split on newlines), as the runtime's stdout hook sees it. */
  print(text: string): void;
  /** A Lambda Invoke through the gateway's Invoke API, carrying this invocation's trace. */
  invoke(target: string, payload: unknown, type: InvocationType): Promise<ChainInvokeResult>;
  readonly dynamoDb: DynamoDBClient;
  readonly s3: S3Client;
  /** CloudWatch Logs CreateLogGroup: never reaches AWS, answers empty success (contract §4.4). */
  createLogGroup(group: string): Promise<void>;
  /** CloudWatch Logs CreateLogStream: never reaches AWS, answers empty success. */
  createLogStream(group: string, stream: string): Promise<void>;
  /** CloudWatch Logs PutLogEvents: every event becomes one log record of this function (contract §4.4). */
  putLogEvents(group: string, stream: string, events: readonly CloudWatchLogEvent[]): Promise<void>;
  /** Ends the worker process with status 1 before the invocation is answered. */
  crash(): Promise<never>;
  /** Whether a worker fault switch is on for this worker. */
  faultActive(name: FaultName): boolean;
  /** What the ESB revision the testbed stands in for does differently. */
  readonly esb: EsbBehaviour;
  /** A presigned GET URL for S3_PRESIGN_ENDPOINT (ESB 2026-03-02 on); undefined for a revision without it. */
  readonly presignGet: ((bucket: string, key: string, expiresSeconds: number) => string) | undefined;
}

/** A fixture function: the event as the worker received it, and the context; resolves to the raw result. */
export type FunctionHandler = (event: unknown, ctx: FunctionContext) => Promise<unknown>;
