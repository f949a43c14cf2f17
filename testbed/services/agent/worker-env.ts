import { WORKER_STANDBY_ENV } from '../../shared/worker-standby.ts';

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

/** A spare's environment: the service environment and its port, in standby until a function is assigned. */
export function spareEnvironment(
  serviceEnv: Readonly<Record<string, string>>,
  port: number,
): Record<string, string> {
  return { ...serviceEnv, [WORKER_PORT_ENV]: String(port), [WORKER_STANDBY_ENV]: '1' };
}
