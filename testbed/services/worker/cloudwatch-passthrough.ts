import type { FaultName } from '../../faults/fault-table.ts';
import type { CloudWatchLogEvent } from './function-context.ts';
import { bareTraceRoot } from './invocation-trace.ts';
import { belowPythonLogLevel, javaCloudWatchLevel, pythonCloudWatchLevel } from './log-level-rules.ts';
import type { InvocationIdentity, StdoutHook } from './stdout-hook.ts';

/**
 * CloudWatch Logs PutLogEvents as ESB's runtime hooks emulate it (contract §4.4): nothing reaches AWS; each
 * event becomes one record on the function's stdout path, delivered exactly once.
 */
export type PutLogEvents = (
  group: string,
  stream: string,
  events: readonly CloudWatchLogEvent[],
) => Promise<void>;

export function createPutLogEvents(options: {
  id: InvocationIdentity;
  stdout: StdoutHook;
  logLevel: string;
  faults: ReadonlySet<FaultName>;
  /** The passthrough's logger names, which ESB renamed in 2026-03-02 (contract-head §4.3). */
  loggers: { readonly python: string; readonly java: string };
}): PutLogEvents {
  const { id, stdout, logLevel, faults, loggers } = options;
  const python = id.runtime === 'python';
  // Fault container-name-unknown: the Python hook's fallback name, as if AWS_LAMBDA_FUNCTION_NAME were unset.
  const containerName = python && faults.has('container-name-unknown') ? 'UNKNOWN' : id.functionName;
  const trace =
    id.traceHeader === undefined ? undefined : python ? id.traceHeader : bareTraceRoot(id.traceHeader);
  // Fault cloudwatch-duplicated: the hook's direct send is not switched off beside the stdout hook.
  const copies = faults.has('cloudwatch-duplicated') ? 2 : 1;
  return async (group, stream, events) => {
    for (const event of events) {
      const { level, message } = python
        ? pythonCloudWatchLevel(event.message)
        : javaCloudWatchLevel(event.message);
      if (python && belowPythonLogLevel(level, logLevel)) continue;
      const record = {
        _time: new Date(event.timestamp ?? Date.now()).toISOString(),
        level,
        message,
        log_group: group,
        log_stream: stream,
        logger: python ? loggers.python : loggers.java,
        container_name: containerName,
        job: 'lambda',
        ...(trace === undefined ? {} : { trace_id: trace }),
        aws_request_id: id.awsRequestId,
      };
      for (let copy = 0; copy < copies; copy += 1) stdout.writeRecord(record);
    }
  };
}
