/**
 * The fixture functions the testbed deploys (contract §3, §5.5): route, runtime flavour, memory and pool
 * limits. The gateway routes and sizes pools from this table; workers pick their handler by name.
 */
import { type EsbRevisionName, esbBehaviour } from '../revisions/esb-behaviour.ts';

export type FunctionRuntime = 'python' | 'java';

export interface FunctionDefinition {
  readonly name: string;
  /** Runtime flavour: decides log record shapes (§4.3) and CloudWatch level rules (§4.4). */
  readonly runtime: FunctionRuntime;
  /** The catch-all POST route, or undefined for functions only the scheduler or the Invoke API reach. */
  readonly route?: string;
  /** Memory limit of a worker container in MiB; undefined means no limit (lambda-image at the seed). */
  readonly memoryMb?: number;
  readonly maxCapacity: number;
  /** Reported in /metrics/pools only; there is no pre-warming. */
  readonly minCapacity: number;
  readonly acquireTimeoutSeconds: number;
  readonly timeoutSeconds: number;
}

const base = {
  memoryMb: 128,
  maxCapacity: 1,
  minCapacity: 0,
  acquireTimeoutSeconds: 30,
  timeoutSeconds: 30,
} as const;

export const FUNCTIONS: readonly FunctionDefinition[] = [
  { ...base, name: 'lambda-connectivity', runtime: 'python', route: '/api/connectivity/python' },
  { ...base, name: 'lambda-connectivity-java', runtime: 'java', route: '/api/connectivity/java' },
  { ...base, name: 'lambda-integration', runtime: 'python', route: '/api/lambda' },
  { ...base, name: 'lambda-echo', runtime: 'python', route: '/api/echo', minCapacity: 1 },
  { ...base, name: 'lambda-echo-java', runtime: 'java', route: '/api/echo-java' },
  { ...base, name: 'lambda-dynamo', runtime: 'python', route: '/api/dynamo' },
  { ...base, name: 'lambda-s3', runtime: 'python', route: '/api/s3' },
  { ...base, name: 'lambda-chaos', runtime: 'python', route: '/api/faulty' },
  { ...base, name: 'lambda-scaling', runtime: 'python', route: '/api/scaling', maxCapacity: 3 },
  { ...base, name: 'lambda-image', runtime: 'python', route: '/api/image', memoryMb: undefined },
  { ...base, name: 'lambda-scheduled', runtime: 'python' },
];

export function functionNamed(name: string): FunctionDefinition | undefined {
  return FUNCTIONS.find((f) => f.name === name);
}

/**
 * A function as one ESB revision deploys it in one mode (contract-head §4.2): the memory of every function, and
 * lambda-image's image, a Java one on containerd from 2026-03-02 on.
 */
export function deployedFunction(
  name: string,
  esb: EsbRevisionName,
  mode: 'docker' | 'containerd',
): FunctionDefinition | undefined {
  const definition = functionNamed(name);
  if (definition === undefined) return undefined;
  const behaviour = esbBehaviour(esb);
  if (definition.name !== IMAGE_FUNCTION) return { ...definition, memoryMb: behaviour.memoryMb };
  return { ...definition, memoryMb: behaviour.imageMemoryMb, runtime: behaviour.imageRuntime[mode] };
}

const IMAGE_FUNCTION = 'lambda-image';

export function functionForRoute(path: string): FunctionDefinition | undefined {
  return FUNCTIONS.find((f) => f.route === path);
}

/** Scheduler jobs (§8): rate in seconds, first fire one interval after gateway start. */
export const SCHEDULES = [
  {
    id: 'lambda-scheduled_sched_0',
    functionName: 'lambda-scheduled',
    rateSeconds: 60,
    input: '{"scheduled": true}',
  },
] as const;

export const E2E_TABLE_NAME = 'e2e-test-table';
export const E2E_BUCKET_NAME = 'e2e-test-bucket';
