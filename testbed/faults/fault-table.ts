/**
 * Fault switches: each breaks exactly one point of the ESB contract that some catalogue case checks.
 * A testbed started with `--fault <name>` passes the active names to every service in ESB_TESTBED_FAULTS;
 * the service that owns the point reads it with `faultActive`. One row per switch; the description is
 * what `npm run testbed -- faults` prints.
 */
export interface FaultSwitch {
  readonly service:
    | 'gateway'
    | 'agent'
    | 'worker'
    | 'victorialogs'
    | 's3-storage'
    | 'database'
    | 'runtime-node'
    | 'testbed';
  /** One line: what breaks, and which cases notice. */
  readonly description: string;
}

export const FAULT_TABLE = {
  'health-unhealthy': {
    service: 'gateway',
    description: '/health answers status "degraded" instead of "healthy" (STD-005)',
  },
  'auth-not-enforced': {
    service: 'gateway',
    description: 'protected routes serve requests without a bearer token (STD-007)',
  },
  'breaker-never-opens': {
    service: 'gateway',
    description: 'the circuit breaker ignores failures and never opens (STD-018)',
  },
  'breaker-slow-reject': {
    service: 'gateway',
    description: 'an open breaker waits 1.5 s before rejecting, so it is not fail-fast (STD-018)',
  },
  'breaker-text-changed': {
    service: 'gateway',
    description:
      'an open breaker answers 502 without the text "Circuit is open" (STD-018, which checks it from ESB 2026-03-02 on)',
  },
  'workers-never-pruned': { service: 'gateway', description: 'idle workers are never pruned (ASC-005)' },
  'pool-entry-removed-on-prune': {
    service: 'gateway',
    description: 'a pruned pool disappears from /metrics/pools instead of showing 0 workers (ASC-005)',
  },
  'pool-over-capacity': {
    service: 'gateway',
    description: 'pools ignore max_capacity and start a worker per concurrent request (ASC-002, ASC-003)',
  },
  'queue-rejects': {
    service: 'gateway',
    description: 'a full pool answers 503 at once instead of queueing (ASC-002, ASC-003)',
  },
  'scheduler-off': { service: 'gateway', description: 'the scheduler never runs lambda-scheduled (STD-025)' },
  'metrics-containers-wrong-status': {
    service: 'gateway',
    description: '/metrics/containers answers 500 instead of 501/200 (STD-013)',
  },
  'async-invoke-dropped': {
    service: 'gateway',
    description: 'Event invocations answer 202 but never run (STD-012)',
  },
  'access-log-missing': {
    service: 'gateway',
    description: 'the gateway ships no log records (STD-009, STD-026)',
  },
  'echo-wrong-prefix': {
    service: 'worker',
    description:
      'lambda-echo answers "Reply: <message>" instead of "Echo: <message>" (RTP-001, ASC-001, STD-011)',
  },
  'echo-user-missing': { service: 'worker', description: 'lambda-echo omits the user field (RTP-001)' },
  'debug-logs-dropped': {
    service: 'worker',
    description: 'function DEBUG records never reach VictoriaLogs (RTJ-002, RTP-003, RTJ-003)',
  },
  'cloudwatch-duplicated': {
    service: 'worker',
    description: 'each CloudWatch passthrough record is delivered twice (RTP-003)',
  },
  'trace-not-propagated': {
    service: 'worker',
    description: 'chain invokes do not forward the trace, so the child gets a new root (STD-009, STD-026)',
  },
  'container-name-unknown': {
    service: 'worker',
    description: 'Python passthrough records carry container_name UNKNOWN (RTP-003)',
  },
  'request-id-reused': {
    service: 'worker',
    description: 'every invocation logs the same aws_request_id (STD-009)',
  },
  'dynamo-update-noop': {
    service: 'worker',
    description: 'lambda-dynamo update answers success without writing (STD-002)',
  },
  'crash-as-function-error': {
    service: 'worker',
    description: 'lambda-chaos crash returns a statusCode 500 body instead of exiting (STD-018)',
  },
  'presign-internal-endpoint': {
    service: 'worker',
    description:
      'S3_PRESIGN_ENDPOINT is not injected: presigned URLs name the internal S3 endpoint 127.0.0.1, not localhost (STD-030, ESB 2026-03-02)',
  },
  'image-success-false': {
    service: 'worker',
    description: 'lambda-image answers success false (STD-010, STD-027, STD-028, STD-029)',
  },
  'vl-health-down': { service: 'victorialogs', description: 'VictoriaLogs /health answers 503 (SMK-002)' },
  'vl-phrase-as-equality': {
    service: 'victorialogs',
    description: 'field filters match whole values only, not phrases (STD-009, STD-012, STD-026)',
  },
  'lifecycle-rule-missing': {
    service: 's3-storage',
    description: 'the bucket is created without its lifecycle rule (STD-024)',
  },
  'presign-rejected': {
    service: 's3-storage',
    description: 'S3 refuses query-string (presigned URL) authentication with 403 (STD-030, ESB 2026-03-02)',
  },
  's3-delete-noop': {
    service: 's3-storage',
    description: 'DeleteObject answers 204 but keeps the object (STD-021)',
  },
  'wrong-memory-limit': {
    service: 'agent',
    description:
      'workers get a 256 MiB memory limit instead of the deployed 128 MiB (512 MiB from ESB 2026-03-02 on) (STD-013 on containerd)',
  },
  'agent-metrics-missing-grpc': {
    service: 'agent',
    description: 'the agent metrics omit the grpc_server_* families (STD-014)',
  },
  'cni-forward-rule-missing': {
    service: 'runtime-node',
    description:
      'runtime-node does not apply the FORWARD -o <CNI bridge> rule (SMK-011 on containerd, ESB 2026-03-02)',
  },
  'restart-policy-no': {
    service: 'testbed',
    description: 'service containers get restart policy "no" (RST-001)',
  },
} as const satisfies Record<string, FaultSwitch>;

export type FaultName = keyof typeof FAULT_TABLE;

/**
 * Faults that live in Docker itself, which an in-process stack has not: service containers' restart policy, and
 * runtime-node's container (the CNI check execs into it). test/testbed/integration/ proves them on real Docker.
 */
export const DOCKER_ONLY_FAULTS = [
  'restart-policy-no',
  'cni-forward-rule-missing',
] as const satisfies readonly FaultName[];
export type DockerOnlyFault = (typeof DOCKER_ONLY_FAULTS)[number];

/** The environment variable that carries the active faults (comma-separated) to every service. */
export const FAULTS_ENV = 'ESB_TESTBED_FAULTS';

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULT_TABLE, name);
}

/** Active faults from an environment; unknown names are an error so a typo never silently tests nothing. */
export function activeFaults(env: NodeJS.ProcessEnv = process.env): ReadonlySet<FaultName> {
  const names = (env[FAULTS_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names)
    if (!isFaultName(name)) throw new Error(`unknown fault switch '${name}' in ${FAULTS_ENV}`);
  return new Set(names as FaultName[]);
}

/** Whether a fault is switched on in this process. Read once per process: services restart to change faults. */
let cached: ReadonlySet<FaultName> | undefined;
export function faultActive(name: FaultName): boolean {
  cached ??= activeFaults();
  return cached.has(name);
}
