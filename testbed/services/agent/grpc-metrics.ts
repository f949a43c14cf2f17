import { formatValue, type MetricFamily, type Sample } from './prometheus-text.ts';

/** The gRPC service name the agent's calls are counted under. */
export const AGENT_SERVICE = 'agent.v1.AgentService';

/**
 * One gRPC method per Agent API call (README "Agent API"), named after ESB's AgentService where it has one;
 * delete-all and heartbeat are the testbed's own calls.
 */
export const AGENT_METHODS = [
  'EnsureContainer',
  'ListContainers',
  'DestroyContainer',
  'DestroyAllContainers',
  'GetContainerMetrics',
  'Heartbeat',
] as const;
export type AgentMethod = (typeof AGENT_METHODS)[number];

/** Every gRPC status code: go-grpc-prometheus pre-initialises `grpc_server_handled_total` for each. */
export const GRPC_CODES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const;
export type GrpcCode = (typeof GRPC_CODES)[number];

/** The code a gRPC server would have answered where the HTTP API answers `status`. */
export function grpcCodeForStatus(status: number): GrpcCode {
  if (status >= 200 && status < 300) return 'OK';
  if (status === 400) return 'InvalidArgument';
  if (status === 404) return 'NotFound';
  if (status === 405 || status === 501) return 'Unimplemented';
  if (status === 503) return 'Unavailable';
  if (status >= 500) return 'Internal';
  return 'Unknown';
}

/** prometheus.DefBuckets, which go-grpc-prometheus uses for its handling-time histogram. */
export const HANDLING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  /** Cumulative counts per bound of HANDLING_BUCKETS; +Inf is `count`. */
  readonly buckets: number[];
  sum: number;
  count: number;
}

/**
 * go-grpc-prometheus server metrics for the Agent API. Counters start at zero for every method (and, for
 * handled, every code) as after `InitializeMetrics`; the handling-time histogram is enabled after
 * registration in ESB, so a method's histogram series exist only once it has been called (contract §6).
 */
export class GrpcServerMetrics {
  readonly #started = new Map<AgentMethod, number>();
  readonly #handled = new Map<string, number>();
  readonly #handling = new Map<AgentMethod, Histogram>();

  constructor() {
    for (const method of AGENT_METHODS) {
      this.#started.set(method, 0);
      for (const code of GRPC_CODES) this.#handled.set(handledKey(method, code), 0);
    }
  }

  started(method: AgentMethod): void {
    this.#started.set(method, (this.#started.get(method) ?? 0) + 1);
  }

  handled(method: AgentMethod, code: GrpcCode, seconds: number): void {
    const key = handledKey(method, code);
    this.#handled.set(key, (this.#handled.get(key) ?? 0) + 1);
    let histogram = this.#handling.get(method);
    if (histogram === undefined) {
      histogram = { buckets: HANDLING_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#handling.set(method, histogram);
    }
    for (const [i, bound] of HANDLING_BUCKETS.entries())
      if (seconds <= bound) histogram.buckets[i] = (histogram.buckets[i] ?? 0) + 1;
    histogram.sum += seconds;
    histogram.count += 1;
  }

  families(): MetricFamily[] {
    const base = (method: AgentMethod) => ({
      grpc_method: method,
      grpc_service: AGENT_SERVICE,
      grpc_type: 'unary',
    });
    const started: Sample[] = AGENT_METHODS.map((m) => ({
      name: 'grpc_server_started_total',
      labels: base(m),
      value: this.#started.get(m) ?? 0,
    }));
    const handled: Sample[] = AGENT_METHODS.flatMap((m) =>
      GRPC_CODES.map((code) => ({
        name: 'grpc_server_handled_total',
        labels: { grpc_code: code, ...base(m) },
        value: this.#handled.get(handledKey(m, code)) ?? 0,
      })),
    );
    // A unary call receives one message and sends one, so both counters follow `started`/`handled`.
    const received = started.map((s) => ({ ...s, name: 'grpc_server_msg_received_total' }));
    const sent = AGENT_METHODS.map((m) => ({
      name: 'grpc_server_msg_sent_total',
      labels: base(m),
      value: GRPC_CODES.reduce((n, code) => n + (this.#handled.get(handledKey(m, code)) ?? 0), 0),
    }));
    const handling: Sample[] = [];
    for (const method of AGENT_METHODS) {
      const histogram = this.#handling.get(method);
      if (histogram === undefined) continue;
      for (const [i, bound] of HANDLING_BUCKETS.entries())
        handling.push({
          name: 'grpc_server_handling_seconds_bucket',
          labels: { ...base(method), le: formatValue(bound) },
          value: histogram.buckets[i] ?? 0,
        });
      handling.push(
        {
          name: 'grpc_server_handling_seconds_bucket',
          labels: { ...base(method), le: '+Inf' },
          value: histogram.count,
        },
        { name: 'grpc_server_handling_seconds_sum', labels: base(method), value: histogram.sum },
        { name: 'grpc_server_handling_seconds_count', labels: base(method), value: histogram.count },
      );
    }
    return [
      {
        name: 'grpc_server_started_total',
        help: 'Total number of RPCs started on the server.',
        type: 'counter',
        samples: started,
      },
      {
        name: 'grpc_server_handled_total',
        help: 'Total number of RPCs completed on the server, regardless of success or failure.',
        type: 'counter',
        samples: handled,
      },
      {
        name: 'grpc_server_msg_received_total',
        help: 'Total number of RPC stream messages received on the server.',
        type: 'counter',
        samples: received,
      },
      {
        name: 'grpc_server_msg_sent_total',
        help: 'Total number of gRPC stream messages sent by the server.',
        type: 'counter',
        samples: sent,
      },
      {
        name: 'grpc_server_handling_seconds',
        help: 'Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.',
        type: 'histogram',
        samples: handling,
      },
    ];
  }
}

function handledKey(method: AgentMethod, code: GrpcCode): string {
  return `${method} ${code}`;
}
