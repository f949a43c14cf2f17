import type { DockerOnlyFault, FaultName } from '../../testbed/faults/fault-table.ts';

/**
 * For every fault switch of the testbed: the catalogue cases that check the broken contract point, and a pattern
 * that each of their failure texts must contain, so a case fails for the right reason and says so (the broken
 * expectation), not merely fails. The Docker-only faults (DOCKER_ONLY_FAULTS) live where only a testbed in
 * Docker has them; test/testbed/integration/docker-only-faults.test.ts covers both.
 */
export type InProcessFault = Exclude<FaultName, DockerOnlyFault>;

export interface FaultCatch {
  /** Environment whose plan holds the cases; its mode is the stack's mode. */
  readonly env?: 'e2e-docker' | 'e2e-containerd';
  readonly ids: readonly string[];
  /** Every failing case's failure text matches this. */
  readonly names: RegExp;
}

export const FAULT_CATCHES: Record<InProcessFault, FaultCatch> = {
  'health-unhealthy': { ids: ['STD-005'], names: /\$\.status: expected "healthy", got "degraded"/ },
  'auth-not-enforced': { ids: ['STD-007'], names: /expected status 401, got 200/ },
  'breaker-never-opens': { ids: ['STD-018'], names: /expected status 502, got 200/ },
  'breaker-slow-reject': { ids: ['STD-018'], names: /latency/ },
  'breaker-text-changed': { ids: ['STD-018'], names: /Circuit is open/ },
  'workers-never-pruned': { ids: ['ASC-005'], names: /total_workers/ },
  'pool-entry-removed-on-prune': { ids: ['ASC-005'], names: /lambda-scaling/ },
  'pool-over-capacity': { ids: ['ASC-002', 'ASC-003'], names: /total_workers: expected a number <= 1/ },
  // ASC-004's two calls to one function meet a full pool only if the first is still in flight when the second
  // arrives: a warm echo answers in milliseconds, so on a busy machine they may not overlap, and it passed.
  'queue-rejects': { ids: ['ASC-002', 'ASC-003'], names: /got 503/ },
  'scheduler-off': { ids: ['STD-025'], names: /\$\.found/ },
  'metrics-containers-wrong-status': { ids: ['STD-013'], names: /got 500/ },
  'async-invoke-dropped': { ids: ['STD-012'], names: /Echo: from-chain/ },
  'access-log-missing': { ids: ['STD-009', 'STD-026'], names: /gateway/ },
  'echo-wrong-prefix': { ids: ['STD-011', 'RTP-001', 'ASC-001', 'ASC-002', 'ASC-003'], names: /Echo: / },
  'echo-user-missing': { ids: ['RTP-001'], names: /\$\.user/ },
  'debug-logs-dropped': { ids: ['RTJ-002', 'RTJ-003', 'RTP-003'], names: /expected count >= \d+, got/ },
  'cloudwatch-duplicated': { ids: ['RTP-003'], names: /expected 4|unique|duplicate/ },
  'trace-not-propagated': { ids: ['STD-009', 'STD-026'], names: /lambda-(echo|connectivity)/ },
  'container-name-unknown': { ids: ['RTP-003', 'STD-029'], names: /lambda-connectivity|lambda-image/ },
  'request-id-reused': { ids: ['STD-009'], names: /disjoint/ },
  'dynamo-update-noop': { ids: ['STD-002'], names: /Updated message/ },
  'crash-as-function-error': { ids: ['STD-018'], names: /expected status 502/ },
  'image-success-false': {
    ids: ['STD-010', 'STD-027', 'STD-028', 'STD-029'],
    names: /\$\.success: expected true, got false/,
  },
  'vl-health-down': { ids: ['SMK-002'], names: /got 503/ },
  'vl-phrase-as-equality': { ids: ['STD-009', 'STD-012', 'STD-026'], names: /trace_id|hits|\$\[/ },
  'lifecycle-rule-missing': { ids: ['STD-024'], names: /Rules|lifecycle/i },
  'presign-internal-endpoint': { ids: ['STD-030'], names: /localhost/ },
  'presign-rejected': { ids: ['STD-030'], names: /expected status 200, got 403/ },
  's3-delete-noop': { ids: ['STD-021'], names: /expected status 500, got 200/ },
  'wrong-memory-limit': { env: 'e2e-containerd', ids: ['STD-013'], names: /memory_max/ },
  'agent-metrics-missing-grpc': { ids: ['STD-014'], names: /grpc_server/ },
};
