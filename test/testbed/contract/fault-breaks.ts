import type { DockerOnlyFault, FaultName } from '../../../testbed/faults/fault-table.ts';
import type { EsbRevisionName } from '../../../testbed/revisions/esb-behaviour.ts';
import type { StackMode } from './probe-types.ts';

/** Probe names, once each, so the table below reads as contract points rather than long sentences. */
const P = {
  health: 'health: GET /health is 200 with status healthy',
  bearerVariants:
    'auth: Bearer in any case and a bare token are accepted; other schemes and bad tokens are 401',
  noTokenEcho: 'auth: POST /api/echo without a token is 401',
  noTokenUnknown: 'auth: an unknown path without a token is 401, not 404',
  echoPython: 'echo: /api/echo answers success, Echo: <message> and user AUTH_USER',
  chainSync: 'chain: /api/lambda sync child is lambda-echo proxy 200 with Echo: from-chain',
  dynamoUpdate: 'dynamo: update really changes the message',
  s3Delete: 's3: delete succeeds and a get afterwards is 500 NoSuchKey',
  imageEcho: 'image: echo answers a plain object with success true',
  imageChain: 'image: chain_invoke of lambda-echo returns the child proxy with Echo: from-image-chain',
  imageS3: 'image: s3_roundtrip reads back what it wrote',
  invokeSync: 'invoke api: sync call without a token returns the raw proxy payload, not unwrapped',
  traceChain:
    'trace: a chained call leaves gateway, integration and echo records under one root, with distinct request ids',
  traceInvokeApi:
    'trace: an Invoke API chain to lambda-connectivity keeps the root in gateway and both functions',
  traceAsync: 'trace: an async chain runs lambda-echo under the caller root (Echo: from-chain)',
  logsPythonEcho:
    'logs: python echo leaves structured records with _time and DEBUG, none with container_name UNKNOWN',
  logsJavaEcho: 'logs: java echo leaves at least 2 records under the bare root, one DEBUG',
  logsPythonCloudWatch:
    'logs: python CloudWatch passthrough delivers exactly 4 distinct records from lambda-connectivity',
  logsJavaCloudWatch:
    'logs: java CloudWatch passthrough delivers at least 4 records of its logger from lambda-connectivity-java',
  logsImage: 'logs: the image function CloudWatch marker is found in lambda-image records',
  vlHealth: 'victorialogs: /health answers 200 or 204',
  vlPhrase: 'victorialogs: field filters are phrase filters at word boundaries',
  poolsEchoOneWorker:
    'pools: echo (max 1) serves sequential, 3 and 10 concurrent calls on exactly one worker',
  poolsTwoFunctions: 'pools: concurrent calls to two functions leave both echo and chaos pools with a worker',
  poolsScaleToZero: 'pools: an idle scaling worker is pruned and its pool entry stays with total_workers 0',
  containersDocker: 'metrics: /metrics/containers is 501 not implemented in docker mode',
  containersContainerd:
    'metrics: /metrics/containers is 200 with lambda-echo RUNNING and its deployed memory_max in containerd mode',
  agentMetrics: 'agent metrics: /metrics is text/plain with the Go runtime and grpc_server_* families',
  lifecycle: 's3 lifecycle: e2e-test-bucket has an Enabled rule expiring after 7 days',
  scheduler: 'scheduler: lambda-scheduled wrote scheduled-run with event.scheduled true',
  breaker: 'breaker: 3 crashes are 502, then hello is a fast 502, and after the open duration 200',
  presign: 's3 presign: presign_get answers a localhost:PORT_S3 URL that a plain GET serves with the object',
} as const;

/**
 * The Docker-only faults are left out (a restart policy, runtime-node's container): an in-process stack has
 * neither; test/testbed/integration/docker-only-faults.test.ts covers them on real Docker.
 */
export type MatrixFault = Exclude<FaultName, DockerOnlyFault>;

/**
 * For every fault: the stack mode it needs (docker unless its point is containerd-only), the ESB revision (the
 * default unless its point exists only from a later one) and exactly the probes it must break. Several probes may observe one contract point (e.g. the echo prefix is seen by every case
 * that reads an echo reply); any probe outside the list must still pass.
 */
export const FAULT_BREAKS: Record<
  MatrixFault,
  { mode?: StackMode; esb?: EsbRevisionName; probes: readonly string[] }
> = {
  'health-unhealthy': { probes: [P.health] },
  'auth-not-enforced': { probes: [P.bearerVariants, P.noTokenEcho, P.noTokenUnknown] },
  'breaker-never-opens': { probes: [P.breaker] },
  'breaker-slow-reject': { probes: [P.breaker] },
  'breaker-text-changed': { esb: '2026-03-02', probes: [P.breaker] },
  'workers-never-pruned': { probes: [P.poolsScaleToZero] },
  'pool-entry-removed-on-prune': { probes: [P.poolsScaleToZero] },
  'pool-over-capacity': { probes: [P.poolsEchoOneWorker] },
  'queue-rejects': { probes: [P.poolsEchoOneWorker, P.poolsTwoFunctions] },
  'scheduler-off': { probes: [P.scheduler] },
  'metrics-containers-wrong-status': { probes: [P.containersDocker] },
  'async-invoke-dropped': { probes: [P.traceAsync] },
  'access-log-missing': { probes: [P.traceChain, P.traceInvokeApi] },
  'echo-wrong-prefix': {
    probes: [P.echoPython, P.chainSync, P.imageChain, P.invokeSync, P.traceAsync, P.poolsEchoOneWorker],
  },
  'echo-user-missing': { probes: [P.echoPython] },
  'debug-logs-dropped': {
    probes: [P.logsPythonEcho, P.logsJavaEcho, P.logsPythonCloudWatch, P.logsJavaCloudWatch],
  },
  'cloudwatch-duplicated': { probes: [P.logsPythonCloudWatch] },
  'trace-not-propagated': { probes: [P.traceChain, P.traceInvokeApi, P.traceAsync] },
  'container-name-unknown': { probes: [P.logsPythonCloudWatch, P.logsImage] },
  'request-id-reused': { probes: [P.traceChain] },
  'dynamo-update-noop': { probes: [P.dynamoUpdate] },
  'crash-as-function-error': { probes: [P.breaker] },
  'presign-internal-endpoint': { esb: '2026-03-02', probes: [P.presign] },
  'image-success-false': { probes: [P.imageEcho, P.imageChain, P.imageS3, P.logsImage] },
  'vl-health-down': { probes: [P.vlHealth] },
  'vl-phrase-as-equality': {
    probes: [P.traceChain, P.traceInvokeApi, P.traceAsync, P.logsPythonEcho, P.vlPhrase],
  },
  'lifecycle-rule-missing': { probes: [P.lifecycle] },
  's3-delete-noop': { probes: [P.s3Delete] },
  'presign-rejected': { esb: '2026-03-02', probes: [P.presign] },
  'wrong-memory-limit': { mode: 'containerd', probes: [P.containersContainerd] },
  'agent-metrics-missing-grpc': { probes: [P.agentMetrics] },
};

export const MATRIX_FAULTS = Object.keys(FAULT_BREAKS) as MatrixFault[];
