/**
 * The standby protocol between the agent and a spare worker (README "Spare workers"). A spare is a worker
 * process started ahead of need, with the service environment but no function: it listens on its port, loads
 * nothing function-specific, and becomes a worker of one function when the agent assigns it one. A cold start
 * then costs an HTTP call instead of a container start and a node start (about 0.4 s on the 2-core machine).
 */

/** Set to `1` in a spare's environment: start in standby instead of serving FUNCTION_NAME. */
export const WORKER_STANDBY_ENV = 'WORKER_STANDBY';

/** `GET`: 200 while the spare waits for a function (its readiness); the worker's own routes after that. */
export const STANDBY_PATH = '/standby';

/**
 * `POST` with `{"env": {…}}`, the worker's whole environment (FUNCTION_NAME, WORKER_PORT = the spare's port, and
 * the service variables): 200 once the function is loaded and served on the same port; 409 while another
 * assignment is under way; 400 for a body without a function. Once assigned, the port serves the worker protocol
 * only (this path is then a 404).
 */
export const ASSIGN_PATH = '/standby/assign';

export interface AssignBody {
  readonly env: Readonly<Record<string, string>>;
}
