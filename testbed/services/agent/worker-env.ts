/** The variable that tells a worker which fixture function it serves (README "Worker protocol"). */
export const FUNCTION_NAME_ENV = 'FUNCTION_NAME';
/** The variable that tells a worker which loopback port to listen on. */
export const WORKER_PORT_ENV = 'WORKER_PORT';

/** One worker's environment: the service environment plus the function it serves and its port. */
export function workerEnvironment(
  serviceEnv: Readonly<Record<string, string>>,
  functionName: string,
  port: number,
): Record<string, string> {
  return { ...serviceEnv, [FUNCTION_NAME_ENV]: functionName, [WORKER_PORT_ENV]: String(port) };
}
